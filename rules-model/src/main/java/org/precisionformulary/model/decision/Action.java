// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

/** What a CPIC recommendation asks the prescriber to do, reduced to one word routing can act on. */
public enum Action {
    /** Avoid, not recommended, contraindicated, use an alternative. */
    AVOID,
    /** Consider an alternative. */
    CONSIDER_ALTERNATIVE,
    /** Change the dose or the titration. */
    ADJUST_DOSE,
    /** Label or standard dosing. */
    STANDARD,
    /** Use, with monitoring or other precautions. */
    MONITOR,
    /**
     * The genotype cannot decide: CPIC asks for a measured phenotype first (G6PD enzyme activity for an
     * indeterminate or variable result), and the drug is used as that result directs.
     */
    MEASURE_FIRST,
    /** CPIC makes no recommendation for this result. */
    NO_RECOMMENDATION,
    /** The genotype could not be interpreted well enough to pick a recommendation. */
    INDETERMINATE;

    /** @return {@code true} for the actions that argue against the drug: avoid or consider an alternative */
    public boolean arguesAgainst() {
        return this == AVOID || this == CONSIDER_ALTERNATIVE;
    }

    /** @return {@code true} for the actions a pharmacist should hear about at the counter */
    public boolean isActionable() {
        return arguesAgainst() || this == ADJUST_DOSE || this == MEASURE_FIRST;
    }
}
