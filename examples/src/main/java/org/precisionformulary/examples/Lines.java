// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.BufferedReader;
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

    private final Reader reader;
    private final StringBuilder line = new StringBuilder();
    private boolean first = true;

    /** Malformed UTF-8 becomes U+FFFD rather than an exception: the engine then reports the line, not the CLI. */
    Lines(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** @return the next line without its terminator, or {@code null} at the end of input */
    String next() throws IOException {
        line.setLength(0);
        int c = reader.read();
        if (c < 0) {
            return null;
        }
        if (first) {
            first = false;
            if (c == BOM) {
                c = reader.read();
                if (c < 0) {
                    return "";
                }
            }
        }
        while (c >= 0 && c != '\n') {
            if (line.length() < MAX_CHARS) {
                line.append((char) c);
            }
            c = reader.read();
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
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
