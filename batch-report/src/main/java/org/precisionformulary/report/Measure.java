// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;

/** A rate the equity section compares between monitoring groups; every one is read from the decision alone. */
public enum Measure {
    APPROVED("Approved"),
    APPROVED_WITH_EXCEPTION("Approved with exception"),
    PRIOR_AUTH_REQUIRED("Prior authorization required"),
    STEP_THERAPY_REQUIRED("Step therapy required"),
    REJECTED("Rejected"),
    PHARMACIST_REVIEW("Pharmacist review"),
    ANY_EXCEPTION("Any exception"),
    STEP_THERAPY_BYPASS("Step therapy bypass"),
    TIER_EXCEPTION("Tier exception"),
    PRIOR_AUTH_AUTO_APPROVAL("Prior authorization auto-approval"),
    PGX_OVERRIDE("PGx override"),
    QUANTITY_LIMIT_OVERRIDE("Quantity limit override"),
    INDETERMINATE_GENOTYPE("Indeterminate genotype");

    private final String label;

    Measure(String label) {
        this.label = label;
    }

    /** @return the measure in words, as the report's column heading */
    public String label() {
        return label;
    }

    /** @return the rate of requests with this outcome */
    public static Measure of(Outcome outcome) {
        return valueOf(outcome.name());
    }

    /** @return the rate of requests with at least one exception of this type */
    public static Measure of(ExceptionType type) {
        return valueOf(type.name());
    }
}
