// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

import java.util.Objects;

/**
 * A restriction a rule waived, and on what ground.
 *
 * @param type   which restriction
 * @param ground the ground in words (e.g. the genomic finding per step drug)
 * @param ruleId the rule that waived it
 */
public record CoverageException(ExceptionType type, String ground, String ruleId) {
    /** @throws NullPointerException when type or ruleId is missing */
    public CoverageException {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ruleId, "ruleId");
    }
}
