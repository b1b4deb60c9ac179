// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.precisionformulary.content.CpicData;
import org.precisionformulary.content.CpicRecommendation;
import org.precisionformulary.content.GenotypeInterpretation;
import org.precisionformulary.content.GenotypeInterpreter;
import org.precisionformulary.content.PopulationSelector;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.DurAlert;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.drug.DrugRef;
import org.precisionformulary.model.fact.AlternativeOption;
import org.precisionformulary.model.fact.CandidatePopulation;
import org.precisionformulary.model.fact.DurFlag;
import org.precisionformulary.model.fact.GenomicFinding;
import org.precisionformulary.model.fact.Rejection;
import org.precisionformulary.model.fact.StepDrug;
import org.precisionformulary.model.fact.RequestedDrug;
import org.precisionformulary.model.fact.ReviewedDrug;
import org.precisionformulary.model.fact.ReviewedPopulation;
import org.precisionformulary.model.fact.Hold;
import org.precisionformulary.model.fact.Waiver;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.request.CoverageRequest;
import org.precisionformulary.model.request.Fill;

/**
 * Turns one parsed request into one decision: validate, interpret genotypes, pick candidate
 * populations, insert the facts, run the rules, and assemble what they inserted. Stateless and
 * thread-safe; one instance per (pack, formulary).
 */
public final class Evaluator {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Evaluator.class);

    private final CompiledPack pack;
    private final Formulary formulary;
    private final CpicData cpic;
    private final GenotypeInterpreter interpreter;
    private final PopulationSelector populations;
    private final PhenotypeOnlyScores phenotypeOnly;
    private final String engineVersion;
    private final int maxFirings;
    private final long budgetNanos;
    private final FindingStage findingStage;
    private final MemberIdHasher memberIdHasher;
    /** Formulary drugs by class, for the class alternatives each request reviews. */
    private final Map<String, List<String>> drugsByClass;
    private final Map<String, FormularyDrug> formularyByName;
    private final Map<String, FormularyDrug> formularyByRxnorm;

    /**
     * @param pack          the compiled rules
     * @param formulary     the plan's formulary
     * @param cpic          the CPIC tables
     * @param engineVersion the library version, for the audit
     * @param maxFirings    the firing limit per request
     * @param budgetNanos   the time budget per evaluation
     * @param cacheFindings whether gene–drug findings are kept between requests (see {@link FindingStage})
     * @param memberIdHasher hashes member ids into the audit, or {@code null} to leave them out
     */
    public Evaluator(CompiledPack pack, Formulary formulary, CpicData cpic, String engineVersion, int maxFirings,
                     long budgetNanos, boolean cacheFindings, MemberIdHasher memberIdHasher) {
        this.pack = pack;
        this.formulary = formulary;
        this.cpic = cpic;
        this.interpreter = new GenotypeInterpreter(cpic);
        this.populations = pack.plan().populationsTsv() == null ? new PopulationSelector(cpic)
                : new PopulationSelector(cpic, pack.plan().populationsTsv(), PopulationSelector.TABLE);
        this.phenotypeOnly = new PhenotypeOnlyScores(cpic, pack);
        this.engineVersion = engineVersion;
        this.maxFirings = maxFirings;
        this.budgetNanos = budgetNanos;
        this.memberIdHasher = memberIdHasher;
        this.findingStage = FindingStage.plan(pack, cacheFindings);
        if (!findingStage.enabled() && !pack.plan().decisions().isEmpty()) {
            // A P&T decision changes a finding before routing reads it, which needs findings made apart from routing.
            throw new org.precisionformulary.engine.RulePackException("rule pack " + pack.name() + " holds P&T decisions ("
                    + PlanTables.PT_DECISIONS + "), which need every gene–drug rule to read only gene results and one"
                    + " candidate population; " + findingStage.disabledReason(), List.of());
        }
        if (!findingStage.enabled()) {
            LOG.info("Rule pack {} {} is evaluated in one session per request: {}", pack.name(), pack.version(),
                    findingStage.disabledReason());
        }
        Map<String, List<String>> byClass = new java.util.HashMap<>();
        for (FormularyDrug d : formulary.drugs()) {
            byClass.computeIfAbsent(d.drugClass(), c -> new ArrayList<>()).add(d.drug());
        }
        this.drugsByClass = byClass;
        Map<String, FormularyDrug> byName = new java.util.HashMap<>();
        Map<String, FormularyDrug> byRxnorm = new java.util.HashMap<>();
        for (FormularyDrug d : formulary.drugs()) {
            byName.putIfAbsent(d.drug(), d);
            if (d.rxnorm() != null) {
                byRxnorm.putIfAbsent(d.rxnorm(), d);
            }
        }
        this.formularyByName = byName;
        this.formularyByRxnorm = byRxnorm;
    }

    /** {@link Formulary#find}, by hash: a formulary may list thousands of drugs and a request looks up dozens. */
    private Optional<FormularyDrug> find(String name) {
        return Optional.ofNullable(formularyByName.get(org.precisionformulary.model.drug.DrugRef.normalise(name)));
    }

    /** @return the pack this evaluator decides with */
    public CompiledPack pack() {
        return pack;
    }

    /**
     * @param parsed the request and any parse errors
     * @param today  the evaluation date, the default service date
     * @return the decision; never throws for bad input or a failing rule
     */
    public CoverageDecision evaluate(ParsedRequest parsed, LocalDate today) {
        String inputSha = PackFiles.sha256(parsed.rawText().getBytes(StandardCharsets.UTF_8));
        if (!parsed.isValid()) {
            return review(parsed.requestId(), parsed.errors(), List.of(), inputSha);
        }
        CoverageRequest request = parsed.request();
        LocalDate serviceDate = request.serviceDate() != null ? request.serviceDate() : today;
        List<FieldError> errors = new ArrayList<>(checkDates(request, serviceDate));
        // A claim is adjudicated on or after its date of service; a day's grace covers time zones.
        if (serviceDate.isAfter(today.plusDays(1))) {
            errors.add(0, new FieldError("serviceDate", "service date " + serviceDate + " is in the future (evaluated on "
                    + today + ")"));
        }
        GenotypeInterpretation genotypes = interpreter.interpret(request.genotypes());
        errors.addAll(genotypes.errors());
        String drug = resolveDrug(request.drug());
        if (!errors.isEmpty()) {
            return review(request, errors, List.of(), inputSha);
        }
        Optional<FormularyDrug> listed = find(drug);
        Map<String, List<String>> reviewed = reviewed(request, drug, listed, serviceDate);
        PhenotypeOnlyScores.Resolution resolution = phenotypeOnly.resolve(request, drug, genotypes.results(),
                reviewed.keySet(), reviewed::get);
        if (!resolution.errors().isEmpty()) {
            return review(request, resolution.errors(), List.of(), inputSha);
        }
        genotypes = new GenotypeInterpretation(resolution.results(), List.of(), concat(concat(genotypes.notes(),
                resolution.notes()), populations.notes(drug, request.member().birthDate(), serviceDate)));
        SessionResult found = findings(reviewed, genotypes.results());
        SessionResult result = run(drug, serviceDate, reviewed, genotypes.results(), found, request);
        if (result.failure() != null) {
            return review(request, List.of(new FieldError("$", "rule pack failure: " + result.failure())),
                    result.firedRules(), inputSha);
        }
        CoverageDecision decision = assemble(request, drug, listed, genotypes, result, inputSha);
        return ginaGuard(request, drug, listed, serviceDate, reviewed, found, result, decision, inputSha);
    }

    /**
     * GINA: genetic information may lower a member's barriers, never raise their cost share or touch their
     * eligibility. The routing with the member's genotypes is compared with the routing of the same request
     * with every gene untested, and a decision to which the genotypes add a barrier (a rejection other than
     * the pharmacogenomic stop, a hold, a higher tier: {@link Barriers#addedOver}) is not made; it goes to a
     * pharmacist, with an error on {@code genotypes} saying what the genotypes would have added.
     */
    private CoverageDecision ginaGuard(CoverageRequest request, String drug, Optional<FormularyDrug> listed,
                                       LocalDate serviceDate, Map<String, List<String>> reviewed, SessionResult found,
                                       SessionResult result, CoverageDecision decision, String inputSha) {
        // The routing without genotypes is skipped only where it cannot differ in a way that counts:
        // 1. No genotype entries: every gene was untested in the routing just run, so that was the comparison.
        if (request.genotypes().isEmpty()) {
            return decision;
        }
        // 2. Nothing to add to: with no rejection but 88, no hold, and a charged tier of 1 or none, there is
        //    nothing the genotypes could have added. 88 is allowed; a tier is compared only when both routings
        //    pay, and none charges below tier 1 (formulary and waiver tiers are validated 1 to 10).
        Barriers with = Barriers.of(result, listed);
        if (!with.mayHoldAGeneticBarrier()) {
            return decision;
        }
        List<GeneResult> untested = new ArrayList<>();
        for (org.precisionformulary.model.genotype.Gene gene : org.precisionformulary.model.genotype.Gene.values()) {
            untested.add(GeneResult.untested(gene));
        }
        SessionResult foundUntested = findings(reviewed, untested);
        // 3. Same findings: a routing session is given the request's facts and the findings, never a gene result
        //    (FindingStage), so over equal findings it is given equal facts and decides as it just did. In one
        //    session per request (found == null) rules read gene results themselves, and this does not apply.
        if (found != null && foundUntested.failure() == null && facts(found).equals(facts(foundUntested))) {
            return decision;
        }
        SessionResult baseline = run(drug, serviceDate, reviewed, untested, foundUntested, request);
        if (baseline.failure() != null) {
            return review(request, List.of(new FieldError("$", "rule pack failure without genotypes: "
                    + baseline.failure())), baseline.firedRules(), inputSha);
        }
        List<String> added = with.addedOver(Barriers.of(baseline, listed), drug);
        if (added.isEmpty()) {
            return decision;
        }
        // The messages name rules and codes; the log names neither member nor genotype.
        LOG.warn("GINA guard: rule pack {} {} would have let genotypes add {} barrier(s) to a decision; sent to a"
                + " pharmacist", pack.name(), pack.version(), added.size());
        return review(request, added.stream().map(m -> new FieldError("genotypes", m)).toList(),
                decision.audit().firedRules(), inputSha);
    }

    /**
     * The drugs a decision may mention (the requested drug, the rest of its class, its step drugs), each
     * with its candidate populations: worked out once per request, for every session it runs.
     */
    private Map<String, List<String>> reviewed(CoverageRequest request, String drug, Optional<FormularyDrug> listed,
                                               LocalDate serviceDate) {
        Set<String> drugs = new LinkedHashSet<>();
        drugs.add(drug);
        listed.ifPresent(d -> {
            drugs.addAll(drugsByClass.getOrDefault(d.drugClass(), List.of()));
            if (d.stepTherapy() != null) {
                drugs.addAll(d.stepTherapy().anyOf());
            }
        });
        Map<String, List<String>> reviewed = new LinkedHashMap<>();
        for (String r : drugs) {
            reviewed.put(r, populations.candidates(r, request.indication(), request.member().birthDate(),
                    request.diagnoses(), request.history(), serviceDate));
        }
        return reviewed;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The gene–drug findings for every reviewed drug and candidate population, from the finding stage; or
     * {@code null} when the pack is evaluated in one session per request.
     */
    private SessionResult findings(Map<String, List<String>> reviewed, List<GeneResult> geneResults) {
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
        return new SessionResult(decided(found), fired, null);
    }

    /** The findings with the plan's P&amp;T decisions on their actions applied, before routing reads them. */
    private List<SessionResult.Inserted> decided(List<SessionResult.Inserted> found) {
        if (pack.plan().decisions().isEmpty()) {
            return found;
        }
        List<SessionResult.Inserted> out = new ArrayList<>(found.size());
        for (SessionResult.Inserted i : found) {
            PlanTables.PtDecision d = decision(i.rule());
            if (d != null && d.action() != null && i.fact() instanceof GenomicFinding f && f.action() != d.action()) {
                out.add(new SessionResult.Inserted(new GenomicFinding(f.drug(), f.population(), f.classification(),
                        d.action(), f.basis()), i.rule()));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /** The plan's P&amp;T decision on the recommendation a rule implements, or {@code null}. */
    private PlanTables.PtDecision decision(String rule) {
        RuleInfo info = pack.rules().get(rule);
        return info == null ? null : pack.plan().decision(info.get("recommendationId"));
    }

    /** The audit lines of the P&amp;T decisions that changed a finding of this result, sorted. */
    private List<String> decisionsUsed(SessionResult result) {
        if (pack.plan().decisions().isEmpty()) {
            return List.of();
        }
        Set<String> used = new java.util.TreeSet<>();
        for (SessionResult.Inserted i : result.ofType(GenomicFinding.class)) {
            PlanTables.PtDecision d = decision(i.rule());
            if (d != null) {
                String was = pack.rules().get(i.rule()).get("action");
                used.add(d.audit(was == null ? ((GenomicFinding) i.fact()).action()
                        : org.precisionformulary.model.decision.Action.valueOf(was)));
            }
        }
        return List.copyOf(used);
    }

    private static List<Object> facts(SessionResult result) {
        return result.results().stream().map(SessionResult.Inserted::fact).toList();
    }

    /**
     * Runs the rules for one request: the routing rules over the findings of the finding stage, or, when the
     * pack does not allow the stage ({@code found} is {@code null}), every rule in one session.
     */
    private SessionResult run(String drug, LocalDate serviceDate, Map<String, List<String>> reviewed,
                              List<GeneResult> geneResults, SessionResult found, CoverageRequest request) {
        long deadline = System.nanoTime() + budgetNanos;
        List<Object> facts = routingFacts(drug, serviceDate, reviewed, request);
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
        facts.addAll(facts(found));
        SessionResult routed = SessionRunner.run(findingStage.routingBase(), facts,
                maxFirings - found.firedRules().size(), budgetNanos, deadline);
        List<String> fired = new ArrayList<>(found.firedRules());
        fired.addAll(routed.firedRules());
        if (routed.failure() != null) {
            return new SessionResult(List.of(), fired, routed.failure());
        }
        List<SessionResult.Inserted> results = new ArrayList<>(found.results());
        results.addAll(routed.results());
        return new SessionResult(results, fired, null);
    }

    /** What routing rules read: the request's drug, the plan, the reviewed drugs and populations, the history. */
    private List<Object> routingFacts(String drug, LocalDate serviceDate, Map<String, List<String>> reviewed,
                                      CoverageRequest request) {
        List<Object> facts = new ArrayList<>();
        facts.add(new RequestedDrug(drug, serviceDate));
        facts.add(formulary.policy());
        reviewed.forEach((r, candidatePopulations) -> {
            facts.add(new ReviewedDrug(r));
            find(r).ifPresent(facts::add);
            for (String population : candidatePopulations) {
                facts.add(new ReviewedPopulation(r, population));
            }
        });
        facts.addAll(request.biomarkers());
        facts.addAll(request.history());
        return facts;
    }

    private static List<FieldError> checkDates(CoverageRequest request, LocalDate serviceDate) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate birth = request.member().birthDate();
        if (birth != null && birth.isAfter(serviceDate)) {
            errors.add(new FieldError("member.birthDate", "birth date " + birth + " is after the service date " + serviceDate));
        }
        for (int i = 0; i < request.genotypes().size(); i++) {
            LocalDate reported = request.genotypes().get(i).resultDate();
            if (reported != null && reported.isAfter(serviceDate)) {
                errors.add(new FieldError("genotypes[" + i + "].resultDate", "result date " + reported
                        + " is after the service date " + serviceDate));
            }
        }
        for (int i = 0; i < request.history().size(); i++) {
            Fill fill = request.history().get(i);
            if (fill.filledOn().isAfter(serviceDate)) {
                errors.add(new FieldError("history[" + i + "].filledOn", "fill date " + fill.filledOn()
                        + " is after the service date " + serviceDate));
            }
        }
        return errors;
    }

    private String resolveDrug(DrugRef ref) {
        if (ref.name() != null) {
            return ref.name();
        }
        return Optional.ofNullable(formularyByRxnorm.get(ref.rxnorm())).map(FormularyDrug::drug)
                .or(() -> cpic.drugByRxnorm(ref.rxnorm()))
                .orElse("rxnorm:" + ref.rxnorm());
    }

    private CoverageDecision assemble(CoverageRequest request, String drug, Optional<FormularyDrug> listed,
                                      GenotypeInterpretation genotypes, SessionResult result, String inputSha) {
        Map<GenomicFinding, Finding> findings = new LinkedHashMap<>();
        for (SessionResult.Inserted i : result.ofType(GenomicFinding.class)) {
            findings.put((GenomicFinding) i.fact(), toFinding((GenomicFinding) i.fact(), i.rule()));
        }
        List<String> rejectCodes = new ArrayList<>();
        List<String> reasons = new ArrayList<>(genotypes.notes());
        List<DurAlert> alerts = new ArrayList<>();
        Map<String, Alternative> classAlternatives = new TreeMap<>();
        Map<String, Alternative> stepAlternatives = new TreeMap<>();
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
                if (!rejectCodes.contains(r.code())) {
                    rejectCodes.add(r.code());
                }
                reasons.add(i.rule() + ": " + r.reason());
            } else if (fact instanceof Hold h) {
                holds.add(h);
                reasons.add(i.rule() + ": " + h.reason());
            } else if (fact instanceof Waiver w && !exceptions.containsKey(w.type())) {
                String ground = ground(w, findings.values());
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
            } else if (fact instanceof AlternativeOption a) {
                boolean step = "step therapy".equals(concern(i.rule()));
                Map<String, Alternative> target = step ? stepAlternatives : classAlternatives;
                if (target.putIfAbsent(a.drug(), new Alternative(a.drug(), a.tier(), a.reason())) == null) {
                    reasons.add(i.rule() + ": " + a.drug() + " (tier " + a.tier() + ") offered: " + a.reason());
                }
            }
        }
        // Precedence: not covered (70), then a genomic stop (88), then holds (prior authorization before a
        // missing step), then waived restrictions, then plain approval.
        rejectCodes.sort(Comparator.comparing(code -> code.equals("70") ? 0 : 1));
        holds.sort(Comparator.comparing(h -> h.outcome() == Outcome.PRIOR_AUTH_REQUIRED ? 0 : 1));
        Outcome outcome;
        List<CoverageException> waived = List.of();
        Integer tier = listed.map(FormularyDrug::tier).orElse(null);
        Map<String, Alternative> offered = classAlternatives;
        if (!rejectCodes.isEmpty()) {
            outcome = Outcome.REJECTED;
            rejectCodes = List.of(rejectCodes.get(0));
            alerts.clear();
            if (rejectCodes.get(0).equals("88")) {
                // A stop CPIC itself qualifies can be answered: the prescriber confirms the condition.
                findings.values().stream().filter(f -> f.drug().equals(drug) && f.cpicCondition() != null)
                        .map(f -> "CPIC allows " + drug + populationSuffix(f.population()) + " where: \""
                                + f.cpicCondition() + "\" (" + f.recommendationId() + "); a prescriber who confirms"
                                + " this may ask the plan for an exception")
                        .distinct().forEach(reasons::add);
            }
        } else if (!holds.isEmpty()) {
            outcome = holds.get(0).outcome();
            rejectCodes = List.of(holds.get(0).rejectCode());
            if (outcome == Outcome.STEP_THERAPY_REQUIRED) {
                offered = stepAlternatives;
            }
        } else if (!exceptions.isEmpty()) {
            outcome = Outcome.APPROVED_WITH_EXCEPTION;
            waived = List.copyOf(exceptions.values());
            if (exceptionTier != null && tier != null && exceptionTier < tier) {
                tier = exceptionTier;
            }
        } else {
            outcome = Outcome.APPROVED;
        }
        List<Alternative> altList = offered.values().stream()
                .sorted(Comparator.comparingInt(Alternative::tier).thenComparing(Alternative::drug)).toList();
        Set<String> mentioned = new LinkedHashSet<>();
        mentioned.add(drug);
        altList.forEach(a -> mentioned.add(a.drug()));
        waived.forEach(e -> mentioned.addAll(groundDrugs(result, e.type())));
        if (outcome == Outcome.STEP_THERAPY_REQUIRED) {
            // Every step drug is mentioned, also one not offered: its finding says why.
            result.ofType(StepDrug.class).forEach(i -> mentioned.add(((StepDrug) i.fact()).drug()));
        }
        List<Finding> shown = new ArrayList<>();
        for (String m : mentioned) {
            findings.values().stream().filter(f -> f.drug().equals(m))
                    .sorted(Comparator.comparing(Finding::population).thenComparing(Finding::ruleId))
                    .forEach(shown::add);
        }
        String explanation = MemberExplanation.write(outcome, rejectCodes, drug, tier, altList, waived, !alerts.isEmpty());
        return new CoverageDecision(CoverageDecision.CONTRACT_VERSION, request.requestId(), outcome, rejectCodes, tier,
                shown, altList, waived, alerts, reasons, explanation, List.of(),
                audit(inputSha, result.firedRules(), request.member().id(), decisionsUsed(result)));
    }

    private String concern(String rule) {
        RuleInfo info = pack.rules().get(rule);
        return info == null ? null : info.get("concern");
    }

    private static List<String> groundDrugs(SessionResult result, ExceptionType type) {
        return result.ofType(Waiver.class).stream().map(i -> (Waiver) i.fact())
                .filter(w -> w.type() == type).findFirst().map(Waiver::groundDrugs).orElse(List.of());
    }

    /**
     * The ground of a waiver in the words step-therapy exception laws use, per drug it stands on:
     * contraindicated or likely to cause an adverse reaction, expected to be ineffective, or (where the
     * content names neither) advised against by CPIC. Each finding's ground comes from its rule's
     * {@code @ground} metadata; findings that support different grounds are cited each with their evidence.
     */
    private String ground(Waiver w, java.util.Collection<Finding> findings) {
        if (w.groundDrugs().isEmpty()) {
            return w.reason();
        }
        List<String> parts = new ArrayList<>();
        for (String d : w.groundDrugs().stream().sorted().toList()) {
            Map<String, Set<String>> evidenceByWording = new LinkedHashMap<>();
            findings.stream().filter(f -> f.drug().equals(d) && f.action().arguesAgainst())
                    .sorted(Comparator.comparing((Finding f) -> groundOf(f)))
                    .forEach(f -> evidenceByWording.computeIfAbsent(groundOf(f).wording(), k -> new LinkedHashSet<>())
                            .add("CPIC " + f.classification().label() + " "
                                    + f.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                                    + populationSuffix(f.population()) + ", " + genesText(f)));
            List<String> cited = new ArrayList<>();
            evidenceByWording.forEach((wording, evidence) -> cited.add(wording + " (" + String.join("; ", evidence) + ")"));
            parts.add(d + ": " + String.join("; ", cited));
        }
        return w.reason() + ": " + String.join("; ", parts);
    }

    /**
     * The ground of a finding: the plan's P&amp;T decision's where it names one, else its rule's; a plan rule
     * without {@code @ground} is cited as CPIC's advice.
     */
    private Ground groundOf(Finding f) {
        PlanTables.PtDecision d = decision(f.ruleId());
        if (d != null && d.ground() != null) {
            return Ground.of(d.ground());
        }
        RuleInfo rule = pack.rules().get(f.ruleId());
        return Ground.of(rule == null ? null : rule.get(Ground.METADATA_KEY));
    }

    /**
     * The condition under which CPIC still allows a drug it advises avoiding: the plan's P&amp;T decision's where
     * it names one ({@code none}: no condition), else the rule's {@code @condition}; {@code null} for a finding
     * that is not an {@code AVOID}.
     */
    private String conditionOf(GenomicFinding f, Map<String, String> meta, PlanTables.PtDecision d) {
        if (f.action() != org.precisionformulary.model.decision.Action.AVOID) {
            return null;
        }
        String condition = d != null && d.condition() != null ? d.condition() : meta.get("condition");
        return condition == null || condition.equalsIgnoreCase("none") ? null : condition;
    }

    private Finding toFinding(GenomicFinding f, String ruleName) {
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
        Map<String, String> genes = new TreeMap<>();
        Map<String, String> key = new TreeMap<>();
        for (GeneResult g : f.basis()) {
            genes.put(g.gene().symbol(), g.display());
            if (g.lookupKey() != null) {
                key.put(g.gene().symbol(), g.lookupKey());
            }
        }
        return new Finding(f.drug(), f.population(), genes, key, f.classification(), f.action(),
                rec.map(CpicRecommendation::text).orElse(meta.get("recommendation")),
                rec.map(CpicRecommendation::implications).orElse(List.of()),
                guidelineId, url, pmids, recId, ruleName, conditionOf(f, meta, decision(ruleName)));
    }

    private static String populationSuffix(String population) {
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

    private static String durMessage(Finding f) {
        return f.drug() + populationSuffix(f.population()) + ": " + genesText(f) + ". CPIC "
                + f.classification().label() + ": " + f.recommendation();
    }

    private CoverageDecision review(CoverageRequest request, List<FieldError> errors, List<String> fired, String inputSha) {
        return review(request.requestId(), request.member().id(), errors, fired, inputSha);
    }

    private CoverageDecision review(String requestId, List<FieldError> errors, List<String> fired, String inputSha) {
        return review(requestId, null, errors, fired, inputSha);
    }

    private CoverageDecision review(String requestId, String memberId, List<FieldError> errors, List<String> fired,
                                    String inputSha) {
        List<String> reasons = errors.stream().map(e -> "cannot decide: " + e.field() + ": " + e.message()).toList();
        return new CoverageDecision(CoverageDecision.CONTRACT_VERSION, requestId, Outcome.PHARMACIST_REVIEW, List.of(),
                null, List.of(), List.of(), List.of(), List.of(), reasons,
                MemberExplanation.write(Outcome.PHARMACIST_REVIEW, List.of(), null, null, List.of(), List.of(), false),
                errors, audit(inputSha, fired, memberId, List.of()));
    }

    private Audit audit(String inputSha, List<String> fired, String memberId, List<String> ptDecisions) {
        // The CPIC tables that decided, whatever the pack's manifest says (RulePack refuses one naming others).
        return new Audit(engineVersion, pack.version(), pack.sha256(), cpic.version(),
                formulary.formularyId(), inputSha, fired, pack.overriddenRules(),
                memberIdHasher == null || memberId == null ? null : memberIdHasher.hash(memberId),
                pack.allowedInRules(), ptDecisions);
    }

    /**
     * The decision for a request the engine failed on unexpectedly: a review naming the failure, not a throw.
     *
     * @param requestText the request as received
     * @param failure     what was thrown
     * @return a {@code PHARMACIST_REVIEW} decision with an error on {@code $}
     */
    public CoverageDecision engineFailure(String requestText, RuntimeException failure) {
        String text = requestText == null ? "" : requestText;
        return review((String) null, List.of(new FieldError("$", "the engine could not decide this request ("
                + failure.getClass().getSimpleName() + "); a pharmacist must review it")), List.of(),
                PackFiles.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The decision for a request the rules did not decide (stopped at its deadline, or never started): a
     * review with one error on {@code $}, audited like every other decision.
     *
     * @param parsed a request as read
     * @param reason why it was not decided, as the error's message
     * @return a {@code PHARMACIST_REVIEW} decision with an error on {@code $}
     */
    public CoverageDecision undecided(ParsedRequest parsed, String reason) {
        String memberId = parsed.request() == null ? null : parsed.request().member().id();
        return review(parsed.requestId(), memberId, List.of(new FieldError("$", reason)), List.of(),
                PackFiles.sha256(parsed.rawText().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param request a request built in Java
     * @return the text its audit hash is taken over: its contract JSON
     */
    public static String canonicalText(CoverageRequest request) {
        return ContractJson.toJson(request);
    }
}
