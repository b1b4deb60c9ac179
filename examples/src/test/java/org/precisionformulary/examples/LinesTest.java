// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {

    private static List<String> read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Lines reader = new Lines(in)) {
            for (String line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<String> read(String text) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hands out at most a few bytes per read, as a pipe may, so lines and characters straddle reads. */
    private static InputStream trickling(String text, int bytesPerRead) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, bytesPerRead));
            }
        };
    }

    @Test
    void linesEndAtNewlineOnlyAndLoseATrailingCarriageReturn() throws IOException {
        assertThat(read("a\r\nb\rc\n\nd")).containsExactly("a", "b\rc", "", "d");
        assertThat(read("a\n")).containsExactly("a");
        assertThat(read("\n")).containsExactly("");
        assertThat(read("")).isEmpty();
    }

    @Test
    void aByteOrderMarkIsDroppedAtTheStartOnly() throws IOException {
        assertThat(read("\uFEFFa\n\uFEFFb")).containsExactly("a", "\uFEFFb");
        assertThat(read("\uFEFF")).containsExactly("");
    }

    @Test
    void anOverlongLineIsCutJustPastTheLimitAndTheNextLineIsWhole() throws IOException {
        String longLine = "x".repeat(Lines.MAX_CHARS + 200_000);
        List<String> lines = read(longLine + "\r\nnext\n");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(Lines.MAX_CHARS).matches("x+");
        assertThat(lines.get(1)).isEqualTo("next");
    }

    @Test
    void linesAndCharactersSplitAcrossReadsComeOutWhole() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String line = "{\"n\":" + i + ",\"text\":\"" + "é€𝄞".repeat(i % 50) + "\"}";
            expected.add(line);
            text.append(line).append(i % 7 == 0 ? "\r\n" : "\n");
        }
        assertThat(read(trickling(text.toString(), 3))).containsExactlyElementsOf(expected);
        assertThat(read(text.toString())).containsExactlyElementsOf(expected);
    }
}
