// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * A drug the decision may mention, reviewed for one CPIC population it may be prescribed in.
 * The requested drug, its class alternatives and its step drugs each get one per candidate population.
 *
 * @param drug       the drug
 * @param population the CPIC population, e.g. {@code general}, {@code CVI ACS PCI}, {@code adults}
 */
public record CandidatePopulation(String drug, String population) {
    /** @throws NullPointerException when an argument is missing */
    public CandidatePopulation {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(population, "population");
    }
}
