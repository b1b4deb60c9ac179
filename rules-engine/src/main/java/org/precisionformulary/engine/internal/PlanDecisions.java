// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.fact.GenomicFinding;

/**
 * The plan's P&amp;T decisions ({@link PlanTables}) as the findings stage applies them: a decision's action
 * replaces the finding's before routing reads it; its ground and condition replace the rule's where the
 * decision is assembled; the audit lists every decision that touched a finding.
 */
final class PlanDecisions {

    private final CompiledPack pack;

    PlanDecisions(CompiledPack pack) {
        this.pack = pack;
    }

    /** @return whether the plan decided anything */
    boolean any() {
        return !pack.plan().decisions().isEmpty();
    }

    /**
     * @param rule a rule name
     * @return the plan's decision on the recommendation the rule implements, or {@code null}
     */
    PlanTables.PtDecision of(String rule) {
        if (!any()) {
            return null;
        }
        RuleInfo info = pack.rules().get(rule);
        return info == null ? null : pack.plan().decision(info.get("recommendationId"));
    }

    /** @return the findings with the decisions' actions applied */
    List<SessionResult.Inserted> apply(List<SessionResult.Inserted> found) {
        if (!any()) {
            return found;
        }
        List<SessionResult.Inserted> out = new ArrayList<>(found.size());
        for (SessionResult.Inserted i : found) {
            PlanTables.PtDecision d = of(i.rule());
            if (d != null && d.action() != null && i.fact() instanceof GenomicFinding f && f.action() != d.action()) {
                out.add(new SessionResult.Inserted(new GenomicFinding(f.drug(), f.population(), f.classification(),
                        d.action(), f.basis()), i.rule()));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The condition under which CPIC still allows a drug it advises avoiding: the plan's P&amp;T decision's where
     * it names one ({@code none}: no condition), else the rule's {@code @condition}.
     *
     * @param f    a finding
     * @param rule the rule that made it
     * @return the condition in CPIC's words; {@code null} when there is none or the finding is not an AVOID
     */
    String condition(GenomicFinding f, String rule) {
        if (f.action() != Action.AVOID) {
            return null;
        }
        PlanTables.PtDecision d = of(rule);
        RuleInfo info = pack.rules().get(rule);
        String condition = d != null && d.condition() != null ? d.condition() : info == null ? null : info.get("condition");
        return condition == null || condition.equalsIgnoreCase("none") ? null : condition;
    }

    /** @return the audit lines of the decisions that touched a finding of this result, sorted */
    List<String> used(SessionResult result) {
        if (!any()) {
            return List.of();
        }
        Set<String> used = new TreeSet<>();
        for (SessionResult.Inserted i : result.ofType(GenomicFinding.class)) {
            PlanTables.PtDecision d = of(i.rule());
            if (d != null) {
                Map<String, String> meta = pack.rules().get(i.rule()).metadata();
                String was = meta.get("action");
                used.add(d.audit(was == null ? ((GenomicFinding) i.fact()).action() : Action.valueOf(was)));
            }
        }
        return List.copyOf(used);
    }
}
