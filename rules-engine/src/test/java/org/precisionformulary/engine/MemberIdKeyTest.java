// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file as every host reads it: its bytes less trailing line breaks, 16 at least, never echoed. */
class MemberIdKeyTest {

    @Test
    void trailingLineBreaksAnEditorAddedAreNotPartOfTheKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "plan-secret-key-0123456789\r\n");
        assertThat(new String(MemberIdKey.read(file), StandardCharsets.UTF_8)).isEqualTo("plan-secret-key-0123456789");
    }

    @Test
    void aShortKeyIsRefusedNamingTheFileAndItsLengthButNotItsBytes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "tiny-secret\n");
        assertThatThrownBy(() -> MemberIdKey.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " holds 11 bytes; a key needs at least 16")
                .message().doesNotContain("tiny-secret");
    }

    @Test
    void aMissingFileCannotBeRead(@TempDir Path dir) {
        Path file = dir.resolve("absent");
        assertThatThrownBy(() -> MemberIdKey.read(file)).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith(file + " cannot be read");
    }
}
