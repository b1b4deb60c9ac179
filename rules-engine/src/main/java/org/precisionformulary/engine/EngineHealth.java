// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

/**
 * Whether an engine is still running evaluations, for a host's health check.
 *
 * <p>An evaluation still running at its deadline is stopped and answered with {@code PHARMACIST_REVIEW}; if
 * its worker thread has not ended a grace period later (one more budget, at least a second), the rule
 * pack holds that thread in code that does not stop, and the evaluation counts as stuck until the thread
 * ends. While more than {@link PrecisionFormulary#MAX_STUCK_EVALUATIONS} are stuck, the engine is unhealthy:
 * it answers every request with a review at once instead of starting more threads.
 *
 * @param healthy             whether new evaluations are run (at most
 *                            {@link PrecisionFormulary#MAX_STUCK_EVALUATIONS} stuck)
 * @param stuckEvaluations    evaluations stopped at their deadline whose worker thread is still running past
 *                            the grace period, now
 * @param timedOutEvaluations evaluations stopped at their deadline since the engine was built
 */
public record EngineHealth(boolean healthy, int stuckEvaluations, long timedOutEvaluations) {

    /** @throws IllegalArgumentException when a count is negative */
    public EngineHealth {
        if (stuckEvaluations < 0 || timedOutEvaluations < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + stuckEvaluations + " stuck, "
                    + timedOutEvaluations + " timed out");
        }
    }
}
