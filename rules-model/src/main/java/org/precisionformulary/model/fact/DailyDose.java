// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * The daily dose a claim dispenses, in mg: quantity times strength over days supply. Inserted by the engine
 * when the claim gives all three; dose-ceiling.drl compares it with CPIC's ceilings.
 *
 * @param drug     the requested drug
 * @param mgPerDay the daily dose
 */
public record DailyDose(String drug, double mgPerDay) {
    /** @throws NullPointerException when the drug is missing */
    public DailyDose {
        Objects.requireNonNull(drug, "drug");
    }
}
