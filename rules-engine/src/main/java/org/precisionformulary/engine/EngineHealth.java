// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import org.precisionformulary.content.CacheStats;

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
 * @param genotypeReadings    the genotype reading cache of the pack serving now: hits, misses, evictions, size
 * @param findings            the finding cache of the pack serving now, or {@code null} when findings are not
 *                            kept ({@code cacheFindings(false)}); a reload starts both afresh
 */
public record EngineHealth(boolean healthy, int stuckEvaluations, long timedOutEvaluations,
                           CacheStats genotypeReadings, CacheStats findings) {

    /** @throws IllegalArgumentException when a count is negative */
    public EngineHealth {
        if (stuckEvaluations < 0 || timedOutEvaluations < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + stuckEvaluations + " stuck, "
                    + timedOutEvaluations + " timed out");
        }
    }
}
