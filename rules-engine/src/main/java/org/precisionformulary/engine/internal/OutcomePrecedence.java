// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.RejectCode;
import org.precisionformulary.model.fact.Hold;

/**
 * Which verdict decides when the routing rules insert several, in one place a rule author can read
 * (contract §2). The rules say what is true of a request; this says which truth the claim answers with:
 * <ol>
 *   <li>a rejection: not covered (70), then a pharmacogenomic hard stop (88), then a plan limit such as a
 *       quantity limit (76; a safety stop comes before a limit on the amount), then any other code; DUR alerts
 *       are dropped, since a claim that does not pay is not dispensed;</li>
 *   <li>a hold: prior authorization (75) before a missing step (the plan's step code, 608 by default); a
 *       step hold offers the step drugs the member can take instead of class alternatives;</li>
 *   <li>waived restrictions: {@code APPROVED_WITH_EXCEPTION}, charged at the lowest tier a tier exception
 *       allows;</li>
 *   <li>otherwise {@code APPROVED}.</li>
 * </ol>
 */
final class OutcomePrecedence {

    /**
     * The outcome a set of verdicts gives.
     *
     * @param outcome     what happens to the claim
     * @param rejectCode  the one reject code sent, or {@code null}
     * @param offersSteps whether the alternatives offered are the step drugs (a step hold) or the class
     *                    alternatives
     * @param keepsAlerts whether the DUR alerts go with the claim
     * @param waived      whether the exceptions are granted
     */
    record Verdict(Outcome outcome, String rejectCode, boolean offersSteps, boolean keepsAlerts, boolean waived) {

        /** @return the reject codes the decision carries: the one that decided, or none */
        List<String> rejectCodes() {
            return rejectCode == null ? List.of() : List.of(rejectCode);
        }
    }

    private OutcomePrecedence() {
    }

    /**
     * @param rejectCodes the codes of the rejections inserted (in firing order; duplicates allowed)
     * @param holds       the holds inserted
     * @param exceptions  the restrictions waived
     * @return the verdict that decides
     */
    static Verdict decide(Collection<String> rejectCodes, Collection<Hold> holds,
                          Collection<CoverageException> exceptions) {
        if (!rejectCodes.isEmpty()) {
            String first = rejectCodes.stream().min(Comparator.comparingInt(OutcomePrecedence::rejectionRank))
                    .orElseThrow();
            return new Verdict(Outcome.REJECTED, first, false, false, false);
        }
        if (!holds.isEmpty()) {
            Hold first = holds.stream()
                    .min(Comparator.comparingInt(h -> h.outcome() == Outcome.PRIOR_AUTH_REQUIRED ? 0 : 1)).orElseThrow();
            return new Verdict(first.outcome(), first.rejectCode(), first.outcome() == Outcome.STEP_THERAPY_REQUIRED,
                    true, false);
        }
        if (!exceptions.isEmpty()) {
            return new Verdict(Outcome.APPROVED_WITH_EXCEPTION, null, false, true, true);
        }
        return new Verdict(Outcome.APPROVED, null, false, true, false);
    }

    private static int rejectionRank(String code) {
        return switch (code) {
            case RejectCode.NOT_COVERED -> 0;
            case RejectCode.PGX_HARD_STOP -> 1;
            case RejectCode.PLAN_LIMITS_EXCEEDED -> 2;
            default -> 3;
        };
    }
}
