// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes lines through a buffer that only ever holds whole lines, and hands it to the stream in one write once it
 * passes {@link #FLUSH_BYTES}. A process killed between writes therefore leaves only complete lines behind, and a
 * batch of short lines costs one system call per 64 KiB rather than one per line.
 */
final class LineOutput implements Closeable {

    /** Past this many buffered bytes the buffer is written. */
    static final int FLUSH_BYTES = 64 * 1024;

    private final OutputStream out;
    private byte[] buffer = new byte[2 * FLUSH_BYTES];
    private int size;

    /** @param out where the lines go; closed with this */
    LineOutput(OutputStream out) {
        this.out = out;
    }

    /**
     * Adds one line; it reaches the stream, with its {@code \n}, in the same write as the lines buffered before it.
     *
     * @param line the line's UTF-8 bytes, without a line terminator
     * @throws IOException when a write fails
     */
    void writeLine(byte[] line) throws IOException {
        int needed = size + line.length + 1;
        if (needed > buffer.length) {
            // A line longer than the buffer grows it rather than being split over two writes.
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
        System.arraycopy(line, 0, buffer, size, line.length);
        buffer[size + line.length] = '\n';
        size = needed;
        if (size >= FLUSH_BYTES) {
            flush();
        }
    }

    /**
     * Writes every buffered line now, e.g. so someone following the file sees progress.
     *
     * @throws IOException when the write fails
     */
    void flush() throws IOException {
        if (size > 0) {
            out.write(buffer, 0, size);
            out.flush();
            size = 0;
        }
        if (buffer.length > 2 * FLUSH_BYTES) {
            buffer = new byte[2 * FLUSH_BYTES];
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
