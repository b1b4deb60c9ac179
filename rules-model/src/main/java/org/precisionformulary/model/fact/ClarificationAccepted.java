// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * The claim carries a submission clarification code (420-DK) the plan accepts for a fill over the requested
 * drug's quantity limit ({@code policy.quantityLimitClarificationCodes}). Inserted by the engine, which reads
 * the request and the policy; routing rules read it (quantity-limit.drl).
 *
 * @param drug the requested drug
 * @param code the accepted code, two digits
 */
public record ClarificationAccepted(String drug, String code) {
    /** @throws NullPointerException when the drug or code is missing */
    public ClarificationAccepted {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(code, "code");
    }
}
