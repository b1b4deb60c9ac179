// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of member ids (HMAC-SHA-256), so a plan can link a decision back to its member without the
 * decision carrying the id. A plain hash would not do: member ids are short and guessable, so anyone could
 * hash every candidate id and match; without the plan's key they cannot.
 */
public final class MemberIdHasher {

    /** The shortest key accepted: 128 bits. */
    public static final int MIN_KEY_BYTES = 16;

    private final SecretKeySpec key;

    /**
     * @param key the plan's secret key
     * @throws IllegalArgumentException when the key is shorter than {@link #MIN_KEY_BYTES}
     */
    public MemberIdHasher(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the member id key must be at least " + MIN_KEY_BYTES + " bytes, not "
                    + (key == null ? 0 : key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /**
     * @param memberId a member id
     * @return its HMAC-SHA-256 under the key, lower-case hex
     */
    public String hash(String memberId) {
        try {
            // A Mac is not thread-safe, and one is cheap next to a decision: a new one per call.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(memberId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
