// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.precisionformulary.model.json.RequestReader;

/**
 * Reads request text with bounded memory. Lines end at {@code \n} only (a trailing {@code \r} is dropped),
 * so a stray carriage return inside a line cannot split it and break "one output line per input line";
 * a line longer than the engine accepts is cut just past the limit and the rest skipped, so the engine
 * still answers it (with a size error) without the whole line ever being held.
 */
final class Lines implements Closeable {

    /** One character past the engine's limit: enough for it to see the request is too long. */
    static final int MAX_CHARS = RequestReader.MAX_REQUEST_CHARS + 1;

    private static final char BOM = '\uFEFF';

    /** Characters decoded at a time; a line is found by scanning them, not by a call per character. */
    private static final int BUFFER_CHARS = 1 << 16;

    private final Reader reader;
    private final char[] buffer = new char[BUFFER_CHARS];
    private int position;
    private int limit;
    private final StringBuilder line = new StringBuilder();
    private boolean first = true;

    /** Malformed UTF-8 becomes U+FFFD rather than an exception: the engine then reports the line, not the CLI. */
    Lines(InputStream in) {
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** @return the next line without its terminator, or {@code null} at the end of input */
    String next() throws IOException {
        if (!fill()) {
            return null;
        }
        if (first) {
            first = false;
            if (buffer[position] == BOM) {
                position++;
            }
        }
        line.setLength(0);
        while (fill()) {
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int kept = Math.min(end - position, MAX_CHARS - line.length());
            line.append(buffer, position, kept);
            if (end < limit) {
                position = end + 1;
                break;
            }
            position = limit;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    /** @return whether a character is buffered, reading more when none is */
    private boolean fill() throws IOException {
        while (position == limit) {
            int n = reader.read(buffer, 0, buffer.length);
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
        }
        return true;
    }

    /** @return the whole input as one text, cut just past the engine's limit */
    static String readAll(InputStream in) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = reader.read(buffer); n >= 0 && text.length() < MAX_CHARS; n = reader.read(buffer)) {
            text.append(buffer, 0, Math.min(n, MAX_CHARS - text.length()));
        }
        if (text.length() > 0 && text.charAt(0) == BOM) {
            text.deleteCharAt(0);
        }
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
