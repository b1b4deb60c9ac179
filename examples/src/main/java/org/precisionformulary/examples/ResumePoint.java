// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where an interrupted batch left its output: how many complete decision lines it holds and where the last one
 * ends. Bytes after the last {@code \n} are the start of a line the run did not finish; they are not a decision.
 *
 * @param lines       complete lines in the output
 * @param keptBytes   the output's length up to and including the last {@code \n}
 * @param outputBytes the output's length, partial line included
 */
record ResumePoint(long lines, long keptBytes, long outputBytes) {

    /** @throws IllegalArgumentException when a figure is negative or the kept part is longer than the file */
    ResumePoint {
        if (lines < 0 || keptBytes < 0 || keptBytes > outputBytes) {
            throw new IllegalArgumentException("inconsistent resume point: " + lines + " lines, " + keptBytes + " of "
                    + outputBytes + " bytes");
        }
    }

    /** Nothing written yet: the run starts from the first line. */
    static final ResumePoint START = new ResumePoint(0, 0, 0);

    /**
     * Reads an output file once, without changing it.
     *
     * @throws IOException when it cannot be read
     */
    static ResumePoint of(Path output) throws IOException {
        long lines = 0;
        long lastNewline = -1;
        long position = 0;
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(output, StandardOpenOption.READ)) {
            for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer)) {
                buffer.flip();
                byte[] bytes = buffer.array();
                int limit = buffer.limit();
                for (int i = 0; i < limit; i++) {
                    if (bytes[i] == '\n') {
                        lines++;
                        lastNewline = position + i;
                    }
                }
                position += limit;
                buffer.clear();
            }
        }
        return new ResumePoint(lines, lastNewline + 1, position);
    }

    /** @return whether the output ends in a line the earlier run did not finish */
    boolean hasPartialLine() {
        return keptBytes < outputBytes;
    }
}
