// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * The member's genotype argues against this drug (CPIC avoid or consider an alternative) in every
 * candidate population: the ground on which a step is waived or a lower tier is skipped. Step-therapy
 * exception laws accept a drug that is contraindicated, likely to cause an adverse reaction, or expected
 * to be ineffective for the patient's known clinical characteristics; a genotype is one.
 *
 * @param drug the drug argued against
 */
public record GenomicGround(String drug) {
    /** @throws NullPointerException when the drug is missing */
    public GenomicGround {
        Objects.requireNonNull(drug, "drug");
    }
}
