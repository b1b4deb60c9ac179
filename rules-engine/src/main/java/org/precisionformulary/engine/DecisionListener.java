// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import org.precisionformulary.model.decision.CoverageDecision;

/**
 * Hears of every decision an engine makes, for a host's metrics or audit trail
 * ({@link PrecisionFormulary.Builder#decisionListener}).
 *
 * <p>Called on the thread that called {@code evaluate}, after the decision is made and before it is returned, so
 * keep it short: a listener's time is the caller's. A listener that throws does not change the decision: the
 * engine logs a WARN line naming the listener's class and the exception's class (never the decision, which may
 * name the member's genotypes) and returns the decision as made.
 */
@FunctionalInterface
public interface DecisionListener {

    /**
     * @param decision the decision, as the caller gets it
     * @param nanos    how long {@code evaluate} took, in nanoseconds, reading the request included
     */
    void decided(CoverageDecision decision, long nanos);
}
