// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * A routing rule's verdict that the claim does not pay.
 *
 * @param code   the NCPDP reject code, e.g. {@code 70} not covered, {@code 88} DUR reject
 * @param reason the reason in words, for the pharmacist
 */
public record Rejection(String code, String reason) {
    /** @throws NullPointerException when an argument is missing */
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }
}
