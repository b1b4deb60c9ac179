// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * A finding CPIC qualifies: it advises avoiding the drug, but allows it under a condition (in CPIC's words,
 * from the content's condition column or the plan's P&amp;T decision). Inserted by the engine beside the
 * finding, for the routing rules.
 *
 * @param finding   the finding
 * @param condition the condition, in CPIC's words
 */
public record ConditionOfUse(GenomicFinding finding, String condition) {
    /** @throws NullPointerException when an argument is missing */
    public ConditionOfUse {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(condition, "condition");
    }
}
