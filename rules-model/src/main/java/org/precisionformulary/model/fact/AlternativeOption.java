// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * A routing rule's suggestion of a drug the member could take instead.
 *
 * @param drug   the drug
 * @param tier   the tier it would be charged at
 * @param reason why it is offered
 * @param kind   a class alternative or a step drug
 */
public record AlternativeOption(String drug, int tier, String reason, AlternativeKind kind) {
    /** @throws NullPointerException when an argument is missing */
    public AlternativeOption {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * A class alternative.
     *
     * @param drug   the drug
     * @param tier   the tier it would be charged at
     * @param reason why it is offered
     * @throws NullPointerException when an argument is missing
     */
    public AlternativeOption(String drug, int tier, String reason) {
        this(drug, tier, reason, AlternativeKind.CLASS);
    }
}
