// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.content.population.PopulationSelector;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.DurAlert;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.RejectCode;
import org.precisionformulary.model.decision.Severity;
import org.precisionformulary.model.fact.AlternativeKind;
import org.precisionformulary.model.fact.AlternativeOption;
import org.precisionformulary.model.fact.DoseCeiling;
import org.precisionformulary.model.fact.DurFlag;
import org.precisionformulary.model.fact.GenomicFinding;
import org.precisionformulary.model.fact.HighDose;
import org.precisionformulary.model.fact.Hold;
import org.precisionformulary.model.fact.Rejection;
import org.precisionformulary.model.fact.StepDrug;
import org.precisionformulary.model.fact.TestingGap;
import org.precisionformulary.model.fact.TestingPrompt;
import org.precisionformulary.model.fact.Waiver;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.formulary.FormularyPolicy;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.request.CoverageRequest;
import org.precisionformulary.model.request.Submission;

/**
 * The assembly stage: turns what the rules inserted into the decision a caller reads. Findings get CPIC's
 * text, guideline and PubMed ids from the CPIC tables and the rule's metadata; each verdict becomes a reason
 * line; {@link OutcomePrecedence} picks the outcome; waivers cite their statutory ground per drug.
 */
final class DecisionAssembler {

    private final CompiledPack pack;
    private final CpicData cpic;
    private final PlanDecisions decisions;
    /** Per rule name, what its findings cite; bounded by the pack's rules, which an assembler never sees change. */
    private final Map<String, Citation> citations = new ConcurrentHashMap<>();

    DecisionAssembler(CompiledPack pack, CpicData cpic, PlanDecisions decisions) {
        this.pack = pack;
        this.cpic = cpic;
        this.decisions = decisions;
    }

    /**
     * @param request the request
     * @param drug    the requested drug
     * @param listed  its formulary entry, if any
     * @param notes   what earlier stages have to say (genotype reading, populations), first in the reasons
     * @param result  what the rules inserted and which fired
     * @param audit   the decision's audit
     * @param policy  the plan's policy (which DUR/PPS overrides it accepts)
     * @return the decision
     */
    CoverageDecision assemble(CoverageRequest request, String drug, Optional<FormularyDrug> listed, List<String> notes,
                              SessionResult result, Audit audit, FormularyPolicy policy) {
        Findings findings = new Findings(result);
        List<String> rejectCodes = new ArrayList<>();
        List<String> reasons = new ArrayList<>(notes);
        List<DurAlert> alerts = new ArrayList<>();
        int testingPrompts = 0;
        Map<AlternativeKind, Map<String, Alternative>> alternatives = Map.of(
                AlternativeKind.CLASS, new TreeMap<>(), AlternativeKind.STEP, new TreeMap<>());
        List<Hold> holds = new ArrayList<>();
        Map<ExceptionType, CoverageException> exceptions = new LinkedHashMap<>();
        Integer exceptionTier = null;
        for (SessionResult.Inserted i : result.results()) {
            Object fact = i.fact();
            if (fact instanceof GenomicFinding f && f.drug().equals(drug)) {
                Finding finding = findings.get(f);
                reasons.add(i.rule() + ": CPIC " + finding.classification().label() + " for " + f.drug()
                        + populationSuffix(f.population()) + " on " + genesText(finding) + " -> " + f.action());
            } else if (fact instanceof Rejection r) {
                rejectCodes.add(r.code());
                reasons.add(i.rule() + ": " + r.reason());
            } else if (fact instanceof Hold h) {
                holds.add(h);
                reasons.add(i.rule() + ": " + h.reason());
            } else if (fact instanceof Waiver w && !exceptions.containsKey(w.type())) {
                String ground = ground(w, findings);
                exceptions.put(w.type(), new CoverageException(w.type(), ground, i.rule()));
                if (w.type() == ExceptionType.TIER_EXCEPTION) {
                    exceptionTier = w.tier();
                }
                reasons.add(i.rule() + ": " + w.type() + ": " + ground);
            } else if (fact instanceof DurFlag flag) {
                Finding finding = findings.get(flag.finding());
                DurAlert alert = new DurAlert(flag.reasonCode(), flag.severity(), durMessage(finding), finding.drug(), i.rule());
                if (alerts.stream().noneMatch(a -> a.message().equals(alert.message()))) {
                    alerts.add(alert);
                    reasons.add(i.rule() + ": DUR alert " + alert.reasonCode() + " (" + alert.severity() + ") for "
                            + finding.drug() + populationSuffix(finding.population()));
                }
            } else if (fact instanceof HighDose high) {
                DoseCeiling c = high.ceiling();
                Finding finding = findings.get(c.finding());
                DurAlert alert = new DurAlert(high.reasonCode(), Severity.MAJOR, "Daily dose " + mg(high.mgPerDay())
                        + " mg is above the ceiling CPIC states for " + c.finding().drug() + " with this genotype ("
                        + (c.inclusive() ? "at most " : "below ") + mg(c.maxDailyMg()) + " mg/day: \"" + c.quote()
                        + "\"; " + (finding == null || finding.guidelineId() == null ? "CPIC"
                        : "CPIC guideline " + finding.guidelineId()) + ").", c.finding().drug(), i.rule());
                if (alerts.stream().noneMatch(a -> a.message().equals(alert.message()))) {
                    alerts.add(alert);
                    reasons.add(i.rule() + ": DUR alert " + alert.reasonCode() + " (" + alert.severity() + "): "
                            + mg(high.mgPerDay()) + " mg/day of " + c.finding().drug());
                }
            } else if (fact instanceof TestingPrompt prompt) {
                TestingGap gap = prompt.gap();
                DurAlert alert = new DurAlert(prompt.reasonCode(), Severity.MINOR, "No " + gap.geneSymbol()
                        + " result on file: CPIC makes a Strong recommendation for " + gap.drug() + " that depends on it;"
                        + " consider testing (CPIC guideline " + gap.guidelineId()
                        + (gap.guidelineUrl() == null ? "" : ", " + gap.guidelineUrl()) + ").", gap.drug(), i.rule());
                if (alerts.stream().noneMatch(a -> a.message().equals(alert.message()))) {
                    alerts.add(alert);
                    testingPrompts++;
                    reasons.add(i.rule() + ": DUR alert " + alert.reasonCode() + " (" + alert.severity()
                            + "): no " + gap.geneSymbol() + " result for " + gap.drug());
                }
            } else if (fact instanceof AlternativeOption a) {
                if (alternatives.get(a.kind()).putIfAbsent(a.drug(), new Alternative(a.drug(), a.tier(), a.reason())) == null) {
                    reasons.add(i.rule() + ": " + a.drug() + " (tier " + a.tier() + ") offered: " + a.reason());
                }
            }
        }
        OutcomePrecedence.Verdict verdict = OutcomePrecedence.decide(rejectCodes, holds, exceptions.values());
        Outcome outcome = verdict.outcome();
        if (!verdict.keepsAlerts()) {
            alerts.clear();
        }
        if (RejectCode.PGX_HARD_STOP.equals(verdict.rejectCode())) {
            // A stop CPIC itself qualifies can be answered: the prescriber confirms the condition.
            findings.of(drug).stream().filter(f -> f.cpicCondition() != null)
                    .map(f -> "CPIC allows " + drug + populationSuffix(f.population()) + " where: \""
                            + f.cpicCondition() + "\" (" + f.recommendationId() + "); a prescriber who confirms"
                            + " this may ask the plan for an exception")
                    .distinct().forEach(reasons::add);
            reasons.addAll(refusedOverrides(request, drug, findings.of(drug), policy));
        }
        List<CoverageException> waived = verdict.waived() ? List.copyOf(exceptions.values()) : List.of();
        Integer tier = listed.map(FormularyDrug::tier).orElse(null);
        if (verdict.waived() && exceptionTier != null && tier != null && exceptionTier < tier) {
            tier = exceptionTier;
        }
        List<Alternative> offered = alternatives.get(verdict.offersSteps() ? AlternativeKind.STEP : AlternativeKind.CLASS)
                .values().stream().sorted(Comparator.comparingInt(Alternative::tier).thenComparing(Alternative::drug)).toList();
        Set<String> mentioned = new LinkedHashSet<>();
        mentioned.add(drug);
        offered.forEach(a -> mentioned.add(a.drug()));
        waived.forEach(e -> mentioned.addAll(groundDrugs(result, e.type())));
        if (outcome == Outcome.STEP_THERAPY_REQUIRED) {
            // Every step drug is mentioned, also one not offered: its finding says why.
            result.ofType(StepDrug.class).forEach(i -> mentioned.add(((StepDrug) i.fact()).drug()));
        }
        List<Finding> shown = new ArrayList<>();
        for (String m : mentioned) {
            findings.of(m).stream()
                    .sorted(Comparator.comparing(Finding::population).thenComparing(Finding::ruleId))
                    .forEach(shown::add);
        }
        // Counselling is about the member's own results; a testing prompt is the pharmacist's business, and the
        // plan says nothing to the member about a test it may not ask for.
        String explanation = MemberExplanation.write(outcome, verdict.rejectCodes(), drug, tier, offered, waived,
                alerts.size() > testingPrompts);
        Instant respondBy = null;
        if ((outcome == Outcome.PRIOR_AUTH_REQUIRED || outcome == Outcome.STEP_THERAPY_REQUIRED)
                && request.submission() != null) {
            // The legal clock of an exception request, in the plan's hours for its jurisdiction (policy data).
            Submission submission = request.submission();
            respondBy = policy.exceptionResponse().respondBy(submission);
            reasons.add("exception request deadline: the plan answers by " + respondBy + ", "
                    + policy.exceptionResponse().hours(submission.urgency()) + " hours after the "
                    + submission.urgency().name().toLowerCase(java.util.Locale.ROOT) + " request submitted at "
                    + submission.submittedAt());
        }
        return new CoverageDecision(CoverageDecision.CONTRACT_VERSION, request.requestId(), outcome,
                verdict.rejectCodes(), tier, shown, offered, waived, alerts, reasons, explanation, List.of(), audit,
                respondBy);
    }

    /**
     * Why the DUR/PPS answers a claim carries did not lift its hard stop: the plan does not accept them, or CPIC
     * states no condition of use for a Strong avoid, which then needs prior authorization.
     */
    private static List<String> refusedOverrides(CoverageRequest request, String drug, List<Finding> findings,
                                                 FormularyPolicy policy) {
        if (request.durPps().isEmpty()) {
            return List.of();
        }
        String given = String.join(", ", request.durPps().stream().map(Object::toString).toList());
        if (request.durPps().stream().noneMatch(policy::acceptsPgxOverride)) {
            return List.of("DUR/PPS " + given + " is not an override the plan accepts for a pharmacogenomic stop"
                    + " (accepted: " + (policy.pgxOverrides().isEmpty() ? "none"
                    : String.join(", ", policy.pgxOverrides().stream().map(Object::toString).toList())) + ")");
        }
        List<String> unqualified = findings.stream().filter(f -> f.action() == Action.AVOID && f.cpicCondition() == null)
                .map(f -> f.recommendationId() == null ? f.ruleId() : f.recommendationId()).distinct().toList();
        return List.of("DUR/PPS " + given + " cannot answer this stop: CPIC states no condition under which it allows "
                + drug + " (" + String.join(", ", unqualified) + "); it needs prior authorization");
    }

    private static List<String> groundDrugs(SessionResult result, ExceptionType type) {
        return result.ofType(Waiver.class).stream().map(i -> (Waiver) i.fact())
                .filter(w -> w.type() == type).findFirst().map(Waiver::groundDrugs).orElse(List.of());
    }

    /**
     * The ground of a waiver in the words step-therapy exception laws use, per drug it stands on:
     * contraindicated or likely to cause an adverse reaction, expected to be ineffective, or (where the
     * content names neither) advised against by CPIC. Findings that support different grounds are cited each
     * with their evidence.
     */
    private String ground(Waiver w, Findings findings) {
        if (w.groundDrugs().isEmpty()) {
            return w.reason();
        }
        List<String> parts = new ArrayList<>();
        for (String d : w.groundDrugs().stream().sorted().toList()) {
            Map<String, Set<String>> evidenceByWording = new LinkedHashMap<>();
            findings.of(d).stream().filter(f -> f.action().arguesAgainst())
                    .sorted(Comparator.comparing(this::groundOf))
                    .forEach(f -> evidenceByWording.computeIfAbsent(groundOf(f).wording(), k -> new LinkedHashSet<>())
                            .add("CPIC " + f.classification().label() + " "
                                    + f.action().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                    + populationSuffix(f.population()) + ", " + genesText(f)));
            List<String> cited = new ArrayList<>();
            evidenceByWording.forEach((wording, evidence) -> cited.add(wording + " (" + String.join("; ", evidence) + ")"));
            parts.add(d + ": " + String.join("; ", cited));
        }
        return w.reason() + ": " + String.join("; ", parts);
    }

    /**
     * The ground of a finding: the plan's P&amp;T decision's where it names one, else its rule's
     * {@code @ground}; a plan rule without one is cited as CPIC's advice.
     */
    private Ground groundOf(Finding f) {
        PlanTables.PtDecision d = decisions.of(f.ruleId());
        if (d != null && d.ground() != null) {
            return Ground.of(d.ground());
        }
        RuleInfo rule = pack.rules().get(f.ruleId());
        return Ground.of(rule == null ? null : rule.get(Ground.METADATA_KEY));
    }

    /**
     * The findings the rules inserted, in the order they were inserted, each made a {@link Finding} only when the
     * decision shows or cites it: a request reviews its drug's whole class, and most of those findings are never
     * shown. An equal finding inserted twice is one finding, attributed to the rule that inserted it last.
     */
    private final class Findings {
        private final Map<GenomicFinding, String> ruleOf = new LinkedHashMap<>();
        private final Map<GenomicFinding, Finding> made = new HashMap<>();

        Findings(SessionResult result) {
            for (SessionResult.Inserted i : result.ofType(GenomicFinding.class)) {
                ruleOf.put((GenomicFinding) i.fact(), i.rule());
            }
        }

        /** @return the finding, or {@code null} when the rules inserted none equal to {@code fact} */
        Finding get(GenomicFinding fact) {
            Finding finding = made.get(fact);
            if (finding == null) {
                String rule = ruleOf.get(fact);
                if (rule == null) {
                    return null;
                }
                finding = toFinding(fact, rule);
                made.put(fact, finding);
            }
            return finding;
        }

        /** @return the findings for {@code drug}, in the order they were inserted */
        List<Finding> of(String drug) {
            List<Finding> out = new ArrayList<>();
            for (GenomicFinding fact : ruleOf.keySet()) {
                if (fact.drug().equals(drug)) {
                    out.add(get(fact));
                }
            }
            return out;
        }
    }

    private Finding toFinding(GenomicFinding f, String ruleName) {
        Citation cited = citations.get(ruleName);
        if (cited == null) {
            cited = citations.computeIfAbsent(ruleName, this::citation);
        }
        Map<String, String> genes = new TreeMap<>();
        Map<String, String> key = new TreeMap<>();
        for (GeneResult g : f.basis()) {
            genes.put(g.gene().symbol(), g.display());
            if (g.lookupKey() != null) {
                key.put(g.gene().symbol(), g.lookupKey());
            }
        }
        return new Finding(f.drug(), f.population(), genes, key, f.classification(), f.action(), cited.text(),
                cited.implications(), cited.guidelineId(), cited.url(), cited.pmids(), cited.recommendationId(),
                ruleName, decisions.condition(f, ruleName));
    }

    /**
     * What a finding cites of its rule and of CPIC's tables: the same for every finding of the rule, so worked out
     * once per rule ({@link #citations}) rather than per finding.
     */
    private record Citation(String recommendationId, String text, List<String> implications, String guidelineId,
                            String url, List<String> pmids) {
    }

    private Citation citation(String ruleName) {
        RuleInfo rule = pack.rules().get(ruleName);
        Map<String, String> meta = rule == null ? Map.of() : rule.metadata();
        String recId = meta.get("recommendationId");
        Optional<CpicRecommendation> rec = recId == null ? Optional.empty() : cpic.recommendation(recId);
        String guidelineId = meta.getOrDefault("guidelineId", rec.map(CpicRecommendation::guidelineId).orElse(null));
        String url = meta.getOrDefault("guidelineUrl", rec.map(CpicRecommendation::guidelineUrl)
                .or(() -> guidelineId == null ? Optional.empty() : cpic.guideline(guidelineId).map(g -> g.url()))
                .orElse(null));
        List<String> pmids = meta.containsKey("pmids") ? RuleInfo.list(meta.get("pmids"))
                : rec.map(CpicRecommendation::pmids).orElse(List.of());
        return new Citation(recId, rec.map(CpicRecommendation::text).orElse(meta.get("recommendation")),
                rec.map(CpicRecommendation::implications).orElse(List.of()), guidelineId, url, pmids);
    }

    /** @return {@code " (population)"}, or nothing for CPIC's general population */
    static String populationSuffix(String population) {
        return PopulationSelector.GENERAL.equals(population) ? "" : " (" + population + ")";
    }

    private static String genesText(Finding f) {
        StringBuilder sb = new StringBuilder();
        f.genes().forEach((gene, value) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(gene).append(' ').append(value);
            String key = f.lookupKey().get(gene);
            if (key != null && !key.equals(value)) {
                sb.append(" (activity score ").append(key).append(')');
            }
        });
        return sb.toString();
    }

    /** A dose as a pharmacist writes it: {@code 40}, {@code 2.5}. */
    private static String mg(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    private static String durMessage(Finding f) {
        return f.drug() + populationSuffix(f.population()) + ": " + genesText(f) + ". CPIC "
                + f.classification().label() + ": " + f.recommendation();
    }
}
