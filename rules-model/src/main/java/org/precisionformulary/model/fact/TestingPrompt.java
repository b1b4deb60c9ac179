// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * A routing rule's decision to send an informational DUR alert suggesting a pharmacogenomic test: the gap it
 * is about and the plan's reason-for-service code for drug–gene conflicts.
 *
 * @param gap        what is missing
 * @param reasonCode the NCPDP reason-for-service code
 */
public record TestingPrompt(TestingGap gap, String reasonCode) {
    /** @throws NullPointerException when an argument is missing */
    public TestingPrompt {
        Objects.requireNonNull(gap, "gap");
        Objects.requireNonNull(reasonCode, "reasonCode");
    }
}
