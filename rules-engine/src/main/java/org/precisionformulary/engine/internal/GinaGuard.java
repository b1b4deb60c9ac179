// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.fact.GenomicFinding;
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
 *
 * <p>The routing without genotypes is a second routing session, about a tenth of a request's cost, so it is
 * skipped where it provably cannot find an addition; {@link #check} gives each argument. One of them is made
 * over the built-in routing rules as shipped ({@code rules/routing/*.drl}) and holds only for them: a
 * test pins those files' SHA-256, so that a change to them is a change to the argument.
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
    private final boolean routingAsShipped;

    /**
     * @param stages           the pack's stages, for the routing without genotypes
     * @param pack             the pack, for the log
     * @param routingAsShipped whether the routing rules are the built-in ones as shipped, which allows the
     *                         argument over them (step 4 of {@link #check}); {@code false} always runs the
     *                         routing where the other steps do not skip it
     */
    GinaGuard(RuleStages stages, CompiledPack pack, boolean routingAsShipped) {
        this.stages = stages;
        this.pack = pack;
        this.routingAsShipped = routingAsShipped;
    }

    /**
     * @param request     the request
     * @param drug        the requested drug
     * @param listed      its formulary entry, if any
     * @param serviceDate the service date
     * @param reviewed    reviewed drug to candidate populations
     * @param geneResults the member's gene results the routing was given
     * @param found       the findings with the member's genotypes, or {@code null} in one session per request
     * @param result      the routing with the member's genotypes
     * @return whether the decision stands, and if not why
     */
    Verdict check(CoverageRequest request, String drug, Optional<FormularyDrug> listed, LocalDate serviceDate,
                  Map<String, List<String>> reviewed, List<GeneResult> geneResults, SessionResult found,
                  SessionResult result) {
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
        if (found == null || foundUntested.failure() != null) {
            // In one session per request (found == null) rules read gene results themselves: always compare.
            return compare(request, drug, listed, serviceDate, reviewed, untested, foundUntested, with, result);
        }
        // 3. Same genetic facts: a routing session is given the request's facts, the findings (each with the rule
        //    that made it, which picks its dose ceiling) and the testing gaps, never a gene result
        //    (FindingStage). Over equal findings and gaps it is given equal facts and decides as it just did.
        if (found.results().equals(foundUntested.results())
                && stages.testingGaps(drug, geneResults).equals(stages.testingGaps(drug, untested))) {
            return Verdict.STANDS;
        }
        // 4. Nothing argues against a drug without genotypes, and the routing rules are the built-in ones: then
        //    the routing without genotypes holds every barrier this one holds, and charges no lower tier.
        if (routingAsShipped && noneArguesAgainst(foundUntested)) {
            return Verdict.STANDS;
        }
        return compare(request, drug, listed, serviceDate, reviewed, untested, foundUntested, with, result);
    }

    /**
     * Step 4 of {@link #check}: whether every finding made without genotypes is a {@link GenomicFinding} that
     * neither avoids a drug nor advises an alternative. Over such findings the built-in routing rules, run
     * without genotypes, hold every barrier they hold with them and charge no lower tier:
     * <ul>
     *   <li>No genomic ground, pharmacogenomic stop (88) or override without genotypes, as each needs a finding
     *       that avoids a drug or advises an alternative; so no tier exception and no step-therapy bypass.</li>
     *   <li>Not covered (70), the quantity limit (76), the step drugs, the steps met and the biomarker prior
     *       authorization read the request and the formulary only, never a finding, a gap or a fact made from
     *       one: the same with and without genotypes.</li>
     *   <li>The step-therapy hold needs a step drug, no step met and a step drug without a genomic ground.
     *       Without genotypes no step drug has a ground, so the hold is there whenever it is there with
     *       them.</li>
     *   <li>The testing-prompt hold (75) needs a gap in a gene the plan requires. A gene untested with the
     *       genotypes is untested without them: every gap with them is a gap without them.</li>
     *   <li>The tier charged without genotypes, when both pay, is the formulary tier: no tier exception. With
     *       genotypes it is that tier or a tier exception's lower one.</li>
     * </ul>
     *
     * @param foundUntested the findings without genotypes
     * @return {@code true} when the routing without genotypes need not run
     */
    static boolean noneArguesAgainst(SessionResult foundUntested) {
        for (SessionResult.Inserted i : foundUntested.results()) {
            if (!(i.fact() instanceof GenomicFinding f) || f.isArguingAgainst()) {
                return false;
            }
        }
        return true;
    }

    /** Runs the routing without genotypes and compares barriers. */
    private Verdict compare(CoverageRequest request, String drug, Optional<FormularyDrug> listed,
                            LocalDate serviceDate, Map<String, List<String>> reviewed, List<GeneResult> untested,
                            SessionResult foundUntested, Barriers with, SessionResult result) {
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
