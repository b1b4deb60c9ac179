// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineOutputTest {

    /** Keeps every write the stream receives, as the file system would see them. */
    private static final class Writes extends OutputStream {
        final List<String> writes = new ArrayList<>();
        final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
            all.write(b, off, len);
        }
    }

    @Test
    void everyWriteIsWholeLinesAndFewWritesCarryManyLines() throws IOException {
        Writes stream = new Writes();
        StringBuilder expected = new StringBuilder();
        try (LineOutput output = new LineOutput(stream)) {
            for (int i = 0; i < 10_000; i++) {
                String line = "{\"line\":" + i + ",\"pad\":\"" + "é".repeat(i % 97) + "\"}";
                output.writeLine(line.getBytes(StandardCharsets.UTF_8));
                expected.append(line).append('\n');
            }
        }

        assertThat(stream.all.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(stream.writes).allSatisfy(w -> assertThat(w).endsWith("\n"));
        assertThat(stream.writes.size()).isLessThan(stream.all.size() / LineOutput.FLUSH_BYTES + 2);
    }

    @Test
    void aLineLongerThanTheBufferStaysOneWrite() throws IOException {
        Writes stream = new Writes();
        String longLine = "x".repeat(5 * LineOutput.FLUSH_BYTES);
        try (LineOutput output = new LineOutput(stream)) {
            output.writeLine("short".getBytes(StandardCharsets.UTF_8));
            output.writeLine(longLine.getBytes(StandardCharsets.UTF_8));
            output.writeLine("after".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(stream.writes).containsExactly("short\n" + longLine + "\n", "after\n");
    }

    @Test
    void nothingReachesTheStreamBeforeAFlushOrTheBufferFills() throws IOException {
        Writes stream = new Writes();
        LineOutput output = new LineOutput(stream);
        output.writeLine("one".getBytes(StandardCharsets.UTF_8));
        assertThat(stream.writes).isEmpty();

        output.flush();

        assertThat(stream.writes).containsExactly("one\n");
    }
}
