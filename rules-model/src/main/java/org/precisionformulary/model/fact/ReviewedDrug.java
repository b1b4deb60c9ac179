// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * A drug the decision may mention: the requested drug, the other drugs of its class, its step drugs.
 * One per drug, whatever its candidate populations; rules that judge a drug as a whole start here.
 *
 * @param drug the drug
 */
public record ReviewedDrug(String drug) {
    /** @throws NullPointerException when the drug is missing */
    public ReviewedDrug {
        Objects.requireNonNull(drug, "drug");
    }
}
