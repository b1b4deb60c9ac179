// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;
import org.precisionformulary.model.request.DurPps;

/**
 * The claim carries a DUR/PPS answer the plan accepts for a pharmacogenomic conflict
 * ({@code policy.pgxOverrides}): the pharmacist consulted the prescriber, who confirmed the use. Inserted by
 * the engine for the requested drug; the routing rules decide what it answers.
 *
 * @param drug  the requested drug
 * @param codes the accepted DUR/PPS codes
 */
public record PrescriberOverride(String drug, DurPps codes) {
    /** @throws NullPointerException when an argument is missing */
    public PrescriberOverride {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(codes, "codes");
    }
}
