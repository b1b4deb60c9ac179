// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.List;
import java.util.Objects;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.genotype.GeneResult;

/**
 * A gene–drug rule's result: this recommendation applies to this drug in this population, on the
 * strength of these gene results. The engine adds the recommendation text and citations from the
 * rule's metadata and the CPIC tables.
 *
 * @param drug           the drug
 * @param population     the CPIC population
 * @param classification CPIC's strength of recommendation
 * @param action         what the recommendation asks for
 * @param basis          the gene results the rule matched
 */
public record GenomicFinding(String drug, String population, Classification classification, Action action,
                             List<GeneResult> basis) {

    /** @throws NullPointerException when an argument is missing */
    public GenomicFinding {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(population, "population");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(action, "action");
        basis = List.copyOf(basis);
    }

    /**
     * @param drug           the drug
     * @param population     the CPIC population
     * @param classification CPIC's strength of recommendation
     * @param action         what the recommendation asks for
     * @param basis          the gene results the rule matched
     * @return the finding
     * @throws NullPointerException when an argument is missing
     */
    public static GenomicFinding of(String drug, String population, Classification classification, Action action,
                                    GeneResult... basis) {
        return new GenomicFinding(drug, population, classification, action, List.of(basis));
    }

    /** @return {@code true} for a Strong CPIC "avoid", the finding a plan may hard-stop on */
    public boolean isStrongAvoid() {
        return classification == Classification.STRONG && action == Action.AVOID;
    }

    /** @return {@code true} when the finding argues against the drug (avoid or consider an alternative) */
    public boolean isArguingAgainst() {
        return action.arguesAgainst();
    }

    /** @return {@code true} when the pharmacist should hear of it: avoid, consider an alternative, adjust dose */
    public boolean isActionable() {
        return action.isActionable();
    }
}
