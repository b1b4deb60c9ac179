// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * What routing rules see of a drug's candidate populations: one per population a reviewed drug may be
 * prescribed in. Gene–drug rules match {@link CandidatePopulation} instead; keeping the two apart lets the
 * engine work out the findings of a (drug, population, genotype) once and route every later request on them
 * without waking the thousands of gene–drug rules again.
 *
 * @param drug       the drug
 * @param population the CPIC population, e.g. {@code general}, {@code CVI ACS PCI}, {@code adults}
 */
public record ReviewedPopulation(String drug, String population) {
    /** @throws NullPointerException when an argument is missing */
    public ReviewedPopulation {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(population, "population");
    }
}
