// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;
import org.precisionformulary.model.decision.Outcome;

/**
 * A routing rule's verdict that the claim waits: for prior authorization or for a missing step.
 * The engine never turns a hold into a denial.
 *
 * @param outcome    {@link Outcome#PRIOR_AUTH_REQUIRED} or {@link Outcome#STEP_THERAPY_REQUIRED}
 * @param rejectCode the NCPDP reject code sent with it
 * @param reason     why, in words
 */
public record Hold(Outcome outcome, String rejectCode, String reason) {
    /** @throws IllegalArgumentException for an outcome that is not a hold */
    public Hold {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rejectCode, "rejectCode");
        Objects.requireNonNull(reason, "reason");
        if (outcome != Outcome.PRIOR_AUTH_REQUIRED && outcome != Outcome.STEP_THERAPY_REQUIRED) {
            throw new IllegalArgumentException("a hold is a prior authorization or a step, not " + outcome);
        }
    }
}
