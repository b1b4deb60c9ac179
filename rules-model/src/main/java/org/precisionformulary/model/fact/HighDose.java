// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * A routing rule's decision that a claim's daily dose is above the ceiling CPIC states for the member's
 * genotype: a high-dose DUR alert goes with the claim.
 *
 * @param ceiling    the ceiling
 * @param mgPerDay   the claim's daily dose
 * @param reasonCode the NCPDP reason-for-service code ({@code HD}, high dose)
 */
public record HighDose(DoseCeiling ceiling, double mgPerDay, String reasonCode) {
    /** @throws NullPointerException when the ceiling or reason code is missing */
    public HighDose {
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(reasonCode, "reasonCode");
    }
}
