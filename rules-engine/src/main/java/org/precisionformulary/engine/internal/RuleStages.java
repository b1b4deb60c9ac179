// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.precisionformulary.content.cpic.DoseCeilings;
import org.precisionformulary.model.fact.CandidatePopulation;
import org.precisionformulary.model.fact.ClarificationAccepted;
import org.precisionformulary.model.fact.ConditionOfUse;
import org.precisionformulary.model.fact.DailyDose;
import org.precisionformulary.model.fact.DoseCeiling;
import org.precisionformulary.model.fact.GenomicFinding;
import org.precisionformulary.model.fact.PrescriberOverride;
import org.precisionformulary.model.fact.RequestedDrug;
import org.precisionformulary.model.fact.ReviewedDrug;
import org.precisionformulary.model.fact.ReviewedPopulation;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * The findings and routing stages of one request, each run in its own sessions under the request's firing
 * limit and time budget: the gene–drug findings for every reviewed drug and candidate population (from the
 * {@link FindingStage}, with the plan's P&amp;T decisions applied), then the routing rules over them. A pack
 * that does not allow the finding stage is run in one session holding every fact.
 */
final class RuleStages {

    private final CompiledPack pack;
    private final TestingGaps testingGaps;
    private final FindingStage findingStage;
    private final PlanDecisions decisions;
    private final FormularyIndex formulary;
    private final int maxFirings;
    private final long budgetNanos;
    private final boolean routingAsShipped;

    /**
     * @param routingAsShipped whether the routing rules are the built-in ones as shipped, which can read less of
     *                         a request than every reviewed drug's facts: a routing session is then given only
     *                         what they can read ({@link #routingFacts})
     */
    RuleStages(CompiledPack pack, FindingStage findingStage, PlanDecisions decisions, FormularyIndex formulary,
               TestingGaps testingGaps, int maxFirings, long budgetNanos, boolean routingAsShipped) {
        this.pack = pack;
        this.testingGaps = testingGaps;
        this.findingStage = findingStage;
        this.decisions = decisions;
        this.formulary = formulary;
        this.maxFirings = maxFirings;
        this.budgetNanos = budgetNanos;
        this.routingAsShipped = routingAsShipped;
    }

    /**
     * @param reviewed    reviewed drug to candidate populations
     * @param geneResults the member's gene results
     * @return the findings for every reviewed drug and candidate population, or {@code null} when the pack is
     *         evaluated in one session per request
     */
    SessionResult findings(Map<String, List<String>> reviewed, List<GeneResult> geneResults) {
        if (!findingStage.enabled()) {
            return null;
        }
        long deadline = System.nanoTime() + budgetNanos;
        List<SessionResult.Inserted> found = new ArrayList<>();
        List<String> fired = new ArrayList<>();
        for (Map.Entry<String, List<String>> r : reviewed.entrySet()) {
            for (String population : r.getValue()) {
                SessionResult stage = findingStage.findings(r.getKey(), population, geneResults,
                        maxFirings - fired.size(), budgetNanos, deadline);
                fired.addAll(stage.firedRules());
                if (stage.failure() != null) {
                    return new SessionResult(List.of(), fired, stage.failure());
                }
                found.addAll(stage.results());
            }
        }
        return new SessionResult(decisions.apply(found), fired, null);
    }

    /**
     * Runs the routing rules over the findings, or, when the pack does not allow the finding stage
     * ({@code found} is {@code null}), every rule in one session.
     *
     * @return the findings' and the routing's inserted facts and fired rules, or the first failure
     */
    SessionResult route(String drug, LocalDate serviceDate, Map<String, List<String>> reviewed,
                        List<GeneResult> geneResults, SessionResult found, CoverageRequest request) {
        long deadline = System.nanoTime() + budgetNanos;
        Readable readable = found != null && routingAsShipped ? Readable.of(found) : null;
        List<Object> facts = routingFacts(drug, serviceDate, reviewed, request, readable);
        facts.addAll(testingGaps.of(drug, geneResults));
        if (found == null) {
            reviewed.forEach((r, candidatePopulations) -> {
                for (String population : candidatePopulations) {
                    facts.add(new CandidatePopulation(r, population));
                }
            });
            facts.addAll(geneResults);
            return SessionRunner.run(pack.kieBase(), facts, maxFirings, budgetNanos, deadline);
        }
        if (found.failure() != null) {
            return found;
        }
        for (SessionResult.Inserted i : found.results()) {
            if (readable == null || readable.othersRead() || !(i.fact() instanceof GenomicFinding f)
                    || f.drug().equals(drug)) {
                facts.add(i.fact());
            }
        }
        // What the routing rules need to answer a hard stop on resubmission (pgx-override.drl). The conditions
        // matter only beside an accepted answer, so a claim without one (nearly all) inserts none of them.
        request.durPps().stream().filter(formulary.formulary().policy()::acceptsPgxOverride).findFirst()
                .ifPresent(codes -> {
                    facts.add(new PrescriberOverride(drug, codes));
                    for (SessionResult.Inserted i : found.results()) {
                        if (i.fact() instanceof GenomicFinding f) {
                            String condition = decisions.condition(f, i.rule());
                            if (condition != null) {
                                facts.add(new ConditionOfUse(f, condition));
                            }
                        }
                    }
                });
        // The claim's daily dose beside the ceilings CPIC states for the requested drug's findings (dose-ceiling.drl);
        // a claim without a strength (nearly all) inserts neither.
        Double mgPerDay = request.claim() == null ? null : request.claim().dailyDoseMg();
        if (mgPerDay != null) {
            facts.add(new DailyDose(drug, mgPerDay));
            for (SessionResult.Inserted i : found.results()) {
                if (i.fact() instanceof GenomicFinding f && f.drug().equals(drug)) {
                    RuleInfo rule = pack.rules().get(i.rule());
                    String recommendation = rule == null ? null : rule.get("recommendationId");
                    if (recommendation != null) {
                        DoseCeilings.builtIn().of(recommendation).ifPresent(c -> facts.add(
                                new DoseCeiling(f, c.maxDailyMg(), c.inclusive(), c.quote())));
                    }
                }
            }
        }
        SessionResult routed = SessionRunner.run(findingStage.routingBase(), facts,
                maxFirings - found.firedRules().size(), budgetNanos, deadline, true);
        List<String> fired = new ArrayList<>(found.firedRules());
        fired.addAll(routed.firedRules());
        if (routed.failure() != null) {
            return new SessionResult(List.of(), fired, routed.failure());
        }
        List<SessionResult.Inserted> results = new ArrayList<>(found.results());
        results.addAll(routed.results());
        return new SessionResult(results, fired, null);
    }

    /**
     * @param drug        the requested drug
     * @param geneResults gene results
     * @return the testing gaps a routing session over those results is given
     */
    List<org.precisionformulary.model.fact.TestingGap> testingGaps(String drug, List<GeneResult> geneResults) {
        return testingGaps.of(drug, geneResults);
    }

    /**
     * What the built-in routing rules as shipped can read of a request's reviewed drugs, given its findings
     * ({@link #routingFacts}).
     *
     * @param reviewedDrugs the drugs given as a {@link ReviewedDrug} with their {@link ReviewedPopulation}s: the
     *                      drugs a finding names
     * @param othersRead    whether the routing rules can read anything of a drug other than the requested one
     *                      and its step drugs: only when a finding argues against a drug
     */
    private record Readable(Set<String> reviewedDrugs, boolean othersRead) {

        static Readable of(SessionResult found) {
            Set<String> drugs = new HashSet<>();
            boolean arguing = false;
            for (SessionResult.Inserted i : found.results()) {
                if (i.fact() instanceof GenomicFinding f) {
                    drugs.add(f.drug());
                    arguing |= f.isArguingAgainst();
                }
            }
            return new Readable(arguing ? drugs : Set.of(), arguing);
        }
    }

    /**
     * What routing rules read: the request's drug, the plan, the reviewed drugs (each its formulary entry,
     * {@link ReviewedDrug} and {@link ReviewedPopulation}s), the history.
     *
     * <p>With {@code readable} (the built-in routing rules as shipped), a session is given less, in two steps
     * that change no decision, rule by rule. Routing inserts no finding of its own, and the findings it is
     * given are the plan's (after its P&amp;T decisions), so a rule that needs a finding can match only where
     * one is given.
     * <ol>
     *   <li>A reviewed drug that no finding names is given as its formulary entry alone. Only two rules read a
     *       {@code ReviewedDrug} or a {@code ReviewedPopulation}: "genomic ground" reads the drug and its
     *       populations, "pgx hard stop" the requested drug's populations. Both first require
     *       {@code exists GenomicFinding( drug == $drug, ... )} for that same drug, and read the populations
     *       only inside a {@code forall} behind it: for a drug no finding names, neither can match, with or
     *       without its facts. On the benchmark mix those facts were 22 of a routing session's 37.</li>
     *   <li>When no finding argues against a drug (avoid, or consider an alternative), the session is given
     *       no reviewed drug, no formulary entry but the requested drug's and its step drugs', and no finding
     *       but the requested drug's. Every rule that reads another drug's entry or finding, or a reviewed
     *       drug, first needs a finding that argues against a drug: "alternatives", "genomic ground" and
     *       "pgx hard stop" directly; "tier exception" through a {@code GenomicGround} for every lower-tier
     *       drug of the class (with none, its {@code forall} fails wherever its {@code exists} holds); the
     *       step-therapy waiver through grounds too. The other rules read the requested drug's entry and
     *       findings ({@code drug == $drug}), or the step drugs' entries ("offer the step drugs", whose
     *       {@code not GenomicFinding} over an arguing finding holds either way). On the benchmark mix about
     *       eleven of a session's seventeen facts were formulary entries.</li>
     * </ol>
     * {@code ShippedRoutingArgumentsTest} pins the routing rules this was argued over, and decides generated
     * requests both ways.
     *
     * @param readable what the routing rules can read, or {@code null} to give every reviewed drug's facts
     */
    private List<Object> routingFacts(String drug, LocalDate serviceDate, Map<String, List<String>> reviewed,
                                      CoverageRequest request, Readable readable) {
        List<Object> facts = new ArrayList<>();
        facts.add(new RequestedDrug(drug, serviceDate));
        facts.add(formulary.formulary().policy());
        // Without step 2, every entry is given (null). An entry whose drug is the requested one is its listing,
        // however the reviewed name was spelled: the index keeps one entry per name.
        Set<String> entriesGiven = null;
        if (readable != null && !readable.othersRead()) {
            FormularyIndex.Listing requested = formulary.listing(drug);
            entriesGiven = new HashSet<>();
            entriesGiven.add(drug);
            if (requested != null && requested.entry().stepTherapy() != null) {
                entriesGiven.addAll(requested.entry().stepTherapy().anyOf());
            }
        }
        for (Map.Entry<String, List<String>> e : reviewed.entrySet()) {
            String r = e.getKey();
            boolean asReviewed = readable == null || readable.reviewedDrugs().contains(r);
            // A listed drug's facts were made with the formulary; a name it spells otherwise is found normalised.
            FormularyIndex.Listing listing = formulary.listing(r);
            if (asReviewed) {
                facts.add(listing != null ? listing.reviewed() : new ReviewedDrug(r));
            }
            FormularyDrug entry = listing != null ? listing.entry() : formulary.find(r).orElse(null);
            if (entry != null && (entriesGiven == null || entriesGiven.contains(entry.drug()))) {
                facts.add(entry);
            }
            if (asReviewed) {
                for (String population : e.getValue()) {
                    facts.add(new ReviewedPopulation(r, population));
                }
            }
        }
        facts.addAll(request.biomarkers());
        facts.addAll(request.history());
        if (request.claim() != null) {
            facts.add(request.claim());
            // Whether the plan accepts the pharmacist's clarification is the plan's word, read here once.
            formulary.formulary().policy().quantityLimitClarification(request.claim())
                    .ifPresent(code -> facts.add(new ClarificationAccepted(drug, code)));
        }
        return facts;
    }
}
