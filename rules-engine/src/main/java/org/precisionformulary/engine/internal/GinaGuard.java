// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * The GINA guard stage: genetic information may lower a member's barriers, never raise their cost share or
 * touch their eligibility. The routing with the member's genotypes is compared with the routing of the same
 * request with every gene untested, and a decision to which the genotypes add a barrier (a rejection other
 * than the pharmacogenomic stop, a hold, a higher tier: {@link Barriers#addedOver}) is not made; it goes to a
 * pharmacist, with an error on {@code genotypes} saying what the genotypes would have added.
 */
final class GinaGuard {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GinaGuard.class);

    /**
     * What the guard found.
     *
     * @param errors the errors the decision must go to a pharmacist with; empty when it may stand
     * @param fired  the rules to audit with those errors
     */
    record Verdict(List<FieldError> errors, List<String> fired) {
        static final Verdict STANDS = new Verdict(List.of(), List.of());

        boolean stands() {
            return errors.isEmpty();
        }
    }

    private final RuleStages stages;
    private final CompiledPack pack;

    GinaGuard(RuleStages stages, CompiledPack pack) {
        this.stages = stages;
        this.pack = pack;
    }

    /**
     * @param request     the request
     * @param drug        the requested drug
     * @param listed      its formulary entry, if any
     * @param serviceDate the service date
     * @param reviewed    reviewed drug to candidate populations
     * @param found       the findings with the member's genotypes, or {@code null} in one session per request
     * @param result      the routing with the member's genotypes
     * @return whether the decision stands, and if not why
     */
    Verdict check(CoverageRequest request, String drug, Optional<FormularyDrug> listed, LocalDate serviceDate,
                  Map<String, List<String>> reviewed, SessionResult found, SessionResult result) {
        // The routing without genotypes is skipped only where it cannot differ in a way that counts:
        // 1. No genotype entries: every gene was untested in the routing just run, so that was the comparison.
        if (request.genotypes().isEmpty()) {
            return Verdict.STANDS;
        }
        // 2. Nothing to add to: with no rejection but 88, no hold, and a charged tier of 1 or none, there is
        //    nothing the genotypes could have added. 88 is allowed; a tier is compared only when both routings
        //    pay, and none charges below tier 1 (formulary and waiver tiers are validated 1 to 10).
        Barriers with = Barriers.of(result, listed);
        if (!with.mayHoldAGeneticBarrier()) {
            return Verdict.STANDS;
        }
        List<GeneResult> untested = new ArrayList<>();
        for (Gene gene : Gene.values()) {
            untested.add(GeneResult.untested(gene));
        }
        SessionResult foundUntested = stages.findings(reviewed, untested);
        // 3. Same findings: a routing session is given the request's facts and the findings, never a gene result
        //    (FindingStage), so over equal findings it is given equal facts and decides as it just did. In one
        //    session per request (found == null) rules read gene results themselves, and this does not apply.
        if (found != null && foundUntested.failure() == null
                && RuleStages.facts(found).equals(RuleStages.facts(foundUntested))) {
            return Verdict.STANDS;
        }
        SessionResult baseline = stages.route(drug, serviceDate, reviewed, untested, foundUntested, request);
        if (baseline.failure() != null) {
            return new Verdict(List.of(new FieldError("$", "rule pack failure without genotypes: " + baseline.failure())),
                    baseline.firedRules());
        }
        List<String> added = with.addedOver(Barriers.of(baseline, listed), drug);
        if (added.isEmpty()) {
            return Verdict.STANDS;
        }
        // The messages name rules and codes; the log names neither member nor genotype.
        LOG.warn("GINA guard: rule pack {} {} would have let genotypes add {} barrier(s) to a decision; sent to a"
                + " pharmacist", pack.name(), pack.version(), added.size());
        return new Verdict(added.stream().map(m -> new FieldError("genotypes", m)).toList(), result.firedRules());
    }
}
