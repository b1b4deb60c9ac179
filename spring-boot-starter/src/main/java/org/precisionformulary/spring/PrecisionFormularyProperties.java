// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The engine's settings, under {@code precisionformulary.*}.
 *
 * @param formulary        the plan's formulary document (contract §3); the demo formulary when unset
 * @param pack             where the rule pack comes from
 * @param evaluationBudget how long one evaluation may take before it is answered with a review; the engine's
 *                         default when unset
 */
@ConfigurationProperties("precisionformulary")
public record PrecisionFormularyProperties(Path formulary, Pack pack, Duration evaluationBudget) {

    /** @throws IllegalArgumentException for a budget that is not positive */
    public PrecisionFormularyProperties {
        pack = pack == null ? new Pack(null) : pack;
        if (evaluationBudget != null && (evaluationBudget.isZero() || evaluationBudget.isNegative())) {
            throw new IllegalArgumentException("precisionformulary.evaluation-budget must be positive, not "
                    + evaluationBudget);
        }
    }

    /**
     * The rule pack.
     *
     * @param directory a pack directory (DRL and tables); the built-in CPIC pack when unset
     */
    public record Pack(Path directory) {
    }
}
