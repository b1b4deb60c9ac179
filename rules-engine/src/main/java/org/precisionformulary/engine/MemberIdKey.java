// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the plan's member-id key ({@link PrecisionFormulary.Builder#hashMemberIds}) from a file, the one way the
 * command line, the Spark job and the Spring Boot starter read it: the file's bytes, without the trailing line
 * breaks an editor may have added, at least {@value #MIN_BYTES} of them.
 */
public final class MemberIdKey {

    /** The shortest key accepted: 128 bits. */
    public static final int MIN_BYTES = org.precisionformulary.engine.internal.MemberIdHasher.MIN_KEY_BYTES;

    private MemberIdKey() {
    }

    /**
     * @param file the key file
     * @return the key's bytes
     * @throws UncheckedIOException     when the file cannot be read; the message starts with the file
     * @throws IllegalArgumentException when it holds fewer than {@value #MIN_BYTES} bytes (trailing line breaks not
     *                                  counted); the message starts with the file and says how many it holds, never
     *                                  what they are
     */
    public static byte[] read(Path file) {
        byte[] key;
        try {
            key = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        }
        int length = key.length;
        while (length > 0 && (key[length - 1] == '\n' || key[length - 1] == '\r')) {
            length--;
        }
        if (length < MIN_BYTES) {
            throw new IllegalArgumentException(file + " holds " + length + " bytes; a key needs at least " + MIN_BYTES);
        }
        return Arrays.copyOf(key, length);
    }
}
