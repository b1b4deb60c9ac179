// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A drug the requested drug's step-therapy protocol accepts as the earlier step, and the first date a
 * fill of it counts from (the service date less the look-back).
 *
 * @param drug  the step drug
 * @param since fills on or after this date meet the step
 */
public record StepDrug(String drug, LocalDate since) {
    /** @throws NullPointerException when an argument is missing */
    public StepDrug {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(since, "since");
    }
}
