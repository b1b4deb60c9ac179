// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;
import org.precisionformulary.model.decision.Severity;

/**
 * A routing rule's decision to send a pharmacogenomic DUR alert with the claim.
 *
 * @param finding    the finding the alert is about
 * @param severity   its clinical significance
 * @param reasonCode the NCPDP reason-for-service code the plan uses for drug–gene conflicts
 */
public record DurFlag(GenomicFinding finding, Severity severity, String reasonCode) {
    /** @throws NullPointerException when an argument is missing */
    public DurFlag {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reasonCode, "reasonCode");
    }
}
