// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.List;
import java.util.Objects;
import org.precisionformulary.model.decision.ExceptionType;

/**
 * A routing rule's verdict that a restriction is waived.
 *
 * @param type        which restriction
 * @param groundDrugs the drugs whose genomic grounds justify it (step drugs, lower-tier drugs); empty for a
 *                    prior authorization met by biomarkers
 * @param tier        for a tier exception, the tier charged instead (1 to 10, as formulary tiers); otherwise
 *                    {@code null}
 * @param reason      the ground in words
 */
public record Waiver(ExceptionType type, List<String> groundDrugs, Integer tier, String reason) {
    /**
     * @throws NullPointerException     when the type or reason is missing
     * @throws IllegalArgumentException when the tier is outside 1 to 10
     */
    public Waiver {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        if (tier != null && (tier < 1 || tier > 10)) {
            throw new IllegalArgumentException("a waiver's tier must be between 1 and 10, not " + tier);
        }
        groundDrugs = groundDrugs == null ? List.of() : List.copyOf(groundDrugs);
    }
}
