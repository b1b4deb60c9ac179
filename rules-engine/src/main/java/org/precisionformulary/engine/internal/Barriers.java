// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.fact.Hold;
import org.precisionformulary.model.fact.Rejection;
import org.precisionformulary.model.fact.Waiver;
import org.precisionformulary.model.formulary.FormularyDrug;

/**
 * What one routing puts between a member and the claim, as far as GINA is concerned: its rejections, its holds
 * and the tier it would charge. The GINA guard takes it with the member's genotypes and without them; genetic
 * information may take barriers away and add safety measures, never add a barrier.
 *
 * @param rejections  each reject code the rules inserted, with the rule that first inserted it
 * @param holds       each kind of hold the rules inserted, with the first hold of that kind and its rule
 * @param chargedTier the tier the claim would be charged at, or {@code null} when it would not pay
 */
record Barriers(Map<String, String> rejections, Map<Outcome, Held> holds, Integer chargedTier) {

    /** The pharmacogenomic hard stop, a safety measure: the one rejection genetic information may add. */
    static final String PGX_STOP = org.precisionformulary.model.decision.RejectCode.PGX_HARD_STOP;

    /** Not covered: an exclusion, which genetic information may never cause. */
    static final String NOT_COVERED = org.precisionformulary.model.decision.RejectCode.NOT_COVERED;

    /** The lowest tier a formulary drug or a waiver may carry (both are validated 1 to 10). */
    static final int LOWEST_TIER = 1;

    /**
     * A hold as the guard names it.
     *
     * @param rejectCode the NCPDP code sent with it
     * @param rule       the rule that inserted it
     */
    record Held(String rejectCode, String rule) {
    }

    Barriers {
        // In insertion order, so the messages come out in the same order every time.
        rejections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rejections));
        holds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(holds));
    }

    /**
     * @param result a routing's results
     * @param listed the requested drug's formulary entry, if it has one
     * @return the barriers in those results; the charged tier as the decision would charge it (the drug's tier,
     *         or the first tier exception's tier when that is lower)
     */
    static Barriers of(SessionResult result, Optional<FormularyDrug> listed) {
        Map<String, String> rejections = new LinkedHashMap<>();
        Map<Outcome, Held> holds = new LinkedHashMap<>();
        Waiver tierException = null;
        for (SessionResult.Inserted i : result.results()) {
            if (i.fact() instanceof Rejection r) {
                rejections.putIfAbsent(r.code(), i.rule());
            } else if (i.fact() instanceof Hold h) {
                holds.putIfAbsent(h.outcome(), new Held(h.rejectCode(), i.rule()));
            } else if (i.fact() instanceof Waiver w && w.type() == ExceptionType.TIER_EXCEPTION && tierException == null) {
                tierException = w;
            }
        }
        Integer tier = null;
        if (listed.isPresent() && rejections.isEmpty() && holds.isEmpty()) {
            tier = listed.get().tier();
            if (tierException != null && tierException.tier() != null && tierException.tier() < tier) {
                tier = tierException.tier();
            }
        }
        return new Barriers(rejections, holds, tier);
    }

    /**
     * Whether these barriers (with genotypes) hold anything genetic information could have added: a rejection
     * other than the hard stop, a hold, or a tier above the lowest. When they do not, no routing without the
     * genotypes can show an addition: 88 is allowed, and no tier charges less than the lowest.
     *
     * @return {@code false} when the comparison without genotypes cannot find a violation
     */
    boolean mayHoldAGeneticBarrier() {
        return rejections.keySet().stream().anyMatch(code -> !code.equals(PGX_STOP)) || !holds.isEmpty()
                || chargedTier != null && chargedTier > LOWEST_TIER;
    }

    /**
     * @param without the barriers of the same request without genotypes
     * @param drug    the requested drug, for the messages
     * @return one message per barrier these (with genotypes) add over {@code without}; empty when none
     */
    List<String> addedOver(Barriers without, String drug) {
        List<String> added = new ArrayList<>(addedRejections(without));
        added.addAll(addedHolds(without));
        raisedTier(without, drug).ifPresent(added::add);
        return added;
    }

    /** Rejections the genotypes add, but the hard stop: not covered (70) above all, and any other code. */
    List<String> addedRejections(Barriers without) {
        List<String> added = new ArrayList<>();
        rejections.forEach((code, rule) -> {
            if (code.equals(PGX_STOP) || without.rejections.containsKey(code)) {
                return;
            }
            added.add(code.equals(NOT_COVERED)
                    ? "GINA guard: with the genotypes the claim would be rejected as not covered (70, rule \"" + rule
                            + "\"), without them it would not; genetic information may not exclude coverage"
                    : "GINA guard: with the genotypes the claim would be rejected with code " + code + " (rule \"" + rule
                            + "\"), without them it would not; genetic information may add the pharmacogenomic stop"
                            + " (88), never another rejection");
        });
        return added;
    }

    /** Holds the genotypes add: a prior authorization or a step that the claim would not wait for without them. */
    List<String> addedHolds(Barriers without) {
        List<String> added = new ArrayList<>();
        holds.forEach((outcome, held) -> {
            if (without.holds.containsKey(outcome)) {
                return;
            }
            String kind = outcome == Outcome.PRIOR_AUTH_REQUIRED ? "prior authorization" : "step therapy";
            added.add("GINA guard: with the genotypes the claim would be held for " + kind + " (" + held.rejectCode()
                    + ", rule \"" + held.rule() + "\"), without them it would not; genetic information may remove a"
                    + " hold, never add one");
        });
        return added;
    }

    /** A higher tier with the genotypes than without, when both pay. */
    Optional<String> raisedTier(Barriers without, String drug) {
        if (chargedTier == null || without.chargedTier == null || chargedTier <= without.chargedTier) {
            return Optional.empty();
        }
        return Optional.of("GINA guard: with the genotypes " + drug + " would be charged at tier " + chargedTier
                + ", without them at tier " + without.chargedTier + "; genetic information may not raise a member's"
                + " cost share");
    }
}
