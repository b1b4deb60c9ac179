// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.genotype.GenotypeInterpretation;
import org.precisionformulary.content.genotype.GenotypeInterpreter;
import org.precisionformulary.engine.RulePackException;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * Turns one parsed request into one decision, stage by stage (docs/architecture.md):
 * <ol>
 *   <li>validate: {@link RequestChecks};</li>
 *   <li>genotypes: {@link GenotypeInterpreter}, then {@link PhenotypeOnlyScores};</li>
 *   <li>populations: {@link PopulationStage};</li>
 *   <li>findings and routing: {@link RuleStages} (with {@link FindingStage} and {@link PlanDecisions});</li>
 *   <li>assemble: {@link DecisionAssembler}, with {@link OutcomePrecedence};</li>
 *   <li>GINA guard: {@link GinaGuard};</li>
 *   <li>audit: {@link AuditStamp}.</li>
 * </ol>
 * Stateless and thread-safe; one instance per (pack, formulary).
 */
public final class Evaluator {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Evaluator.class);

    private final CompiledPack pack;
    private final GenotypeInterpreter interpreter;
    private final PhenotypeOnlyScores phenotypeOnly;
    private final FormularyIndex formulary;
    private final PopulationStage populations;
    private final RuleStages stages;
    private final DecisionAssembler assembler;
    private final GinaGuard ginaGuard;
    private final PlanDecisions decisions;
    private final AuditStamp audit;
    private final FindingStage findingStage;

    /**
     * @param pack          the compiled rules
     * @param formulary     the plan's formulary
     * @param cpic          the CPIC tables
     * @param engineVersion the library version, for the audit
     * @param maxFirings    the firing limit per request
     * @param budgetNanos   the time budget per evaluation
     * @param cacheFindings whether gene–drug findings are kept between requests (see {@link FindingStage})
     * @param memberIdHasher hashes member ids into the audit, or {@code null} to leave them out
     * @param readingCacheSize distinct genotype entries whose readings are kept
     * @param findingCacheSize keys whose findings are kept when {@code cacheFindings}
     * @throws RulePackException when the pack holds P&amp;T decisions but its gene–drug rules do not allow the
     *                           finding stage the decisions are applied in
     */
    public Evaluator(CompiledPack pack, Formulary formulary, CpicData cpic, String engineVersion, int maxFirings,
                     long budgetNanos, boolean cacheFindings, MemberIdHasher memberIdHasher, long readingCacheSize,
                     long findingCacheSize) {
        this(pack, formulary, cpic, engineVersion, maxFirings, budgetNanos, cacheFindings, memberIdHasher,
                readingCacheSize, findingCacheSize, true);
    }

    /**
     * As the full public constructor, and whether the arguments made over the built-in routing rules as
     * shipped may be used where the pack is those rules: the GINA guard skips its routing without genotypes
     * where it cannot find a barrier ({@link GinaGuard}), and routing is given only the facts those rules can
     * read ({@link RuleStages}). Tests turn them off to check them against the routing they spare.
     */
    Evaluator(CompiledPack pack, Formulary formulary, CpicData cpic, String engineVersion, int maxFirings,
              long budgetNanos, boolean cacheFindings, MemberIdHasher memberIdHasher, long readingCacheSize,
              long findingCacheSize, boolean argumentsOverShippedRouting) {
        this.pack = pack;
        this.interpreter = new GenotypeInterpreter(cpic, readingCacheSize);
        this.phenotypeOnly = new PhenotypeOnlyScores(cpic, pack);
        this.formulary = new FormularyIndex(formulary, cpic);
        this.populations = new PopulationStage(cpic, pack.plan(), this.formulary);
        this.findingStage = FindingStage.plan(pack, cacheFindings ? findingCacheSize : -1);
        if (!findingStage.enabled() && !pack.plan().decisions().isEmpty()) {
            // A P&T decision changes a finding before routing reads it, which needs findings made apart from routing.
            throw new RulePackException("rule pack " + pack.name() + " holds P&T decisions (" + PlanTables.PT_DECISIONS
                    + "), which need every gene–drug rule to read only gene results and one candidate population; "
                    + findingStage.disabledReason(), List.of());
        }
        if (!findingStage.enabled()) {
            LOG.info("Rule pack {} {} is evaluated in one session per request: {}", pack.name(), pack.version(),
                    findingStage.disabledReason());
        }
        this.decisions = new PlanDecisions(pack);
        boolean shippedRouting = pack.precompiled() && argumentsOverShippedRouting;
        this.stages = new RuleStages(pack, findingStage, decisions, this.formulary, new TestingGaps(cpic), maxFirings,
                budgetNanos, shippedRouting);
        this.assembler = new DecisionAssembler(pack, cpic, decisions);
        this.ginaGuard = new GinaGuard(stages, pack, shippedRouting);
        this.audit = new AuditStamp(engineVersion, pack, cpic, formulary.formularyId(), memberIdHasher);
    }

    /**
     * An evaluator with the default cache sizes.
     *
     * @param pack          the compiled rules
     * @param formulary     the plan's formulary
     * @param cpic          the CPIC tables
     * @param engineVersion the library version, for the audit
     * @param maxFirings    the firing limit per request
     * @param budgetNanos   the time budget per evaluation
     * @param cacheFindings whether gene–drug findings are kept between requests
     * @param memberIdHasher hashes member ids into the audit, or {@code null}
     * @throws RulePackException as the full constructor
     */
    public Evaluator(CompiledPack pack, Formulary formulary, CpicData cpic, String engineVersion, int maxFirings,
                     long budgetNanos, boolean cacheFindings, MemberIdHasher memberIdHasher) {
        this(pack, formulary, cpic, engineVersion, maxFirings, budgetNanos, cacheFindings, memberIdHasher,
                GenotypeInterpreter.DEFAULT_READING_CACHE_SIZE,
                org.precisionformulary.engine.PrecisionFormulary.DEFAULT_FINDING_CACHE_SIZE);
    }

    /** @return the genotype reading cache's counts */
    public org.precisionformulary.content.CacheStats readingCacheStats() {
        return interpreter.readingCacheStats();
    }

    /** @return the finding cache's counts, or empty when findings are not kept */
    public Optional<org.precisionformulary.content.CacheStats> findingCacheStats() {
        return findingStage.cacheStats();
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
            return review(parsed.requestId(), null, parsed.errors(), List.of(), inputSha);
        }
        CoverageRequest request = parsed.request();
        LocalDate serviceDate = request.serviceDate() != null ? request.serviceDate() : today;
        List<FieldError> errors = new ArrayList<>(RequestChecks.dates(request, serviceDate, today));
        GenotypeInterpretation genotypes = interpreter.interpret(request.genotypes());
        errors.addAll(genotypes.errors());
        String drug = formulary.resolve(request.drug());
        if (!errors.isEmpty()) {
            return review(request, errors, List.of(), inputSha);
        }
        Optional<FormularyDrug> listed = formulary.find(drug);
        Map<String, List<String>> reviewed = populations.reviewed(request, drug, listed, serviceDate);
        PhenotypeOnlyScores.Resolution resolution = phenotypeOnly.resolve(request, drug, genotypes.results(),
                reviewed.keySet(), reviewed::get);
        if (!resolution.errors().isEmpty()) {
            return review(request, resolution.errors(), List.of(), inputSha);
        }
        List<String> notes = new ArrayList<>(genotypes.notes());
        notes.addAll(resolution.notes());
        notes.addAll(populations.notes(request, drug, serviceDate));
        SessionResult found = stages.findings(reviewed, resolution.results());
        SessionResult result = stages.route(drug, serviceDate, reviewed, resolution.results(), found, request);
        if (result.failure() != null) {
            return review(request, List.of(new FieldError("$", "rule pack failure: " + result.failure())),
                    result.firedRules(), inputSha);
        }
        GinaGuard.Verdict gina = ginaGuard.check(request, drug, listed, serviceDate, reviewed,
                resolution.results(), found, result);
        if (!gina.stands()) {
            return review(request, gina.errors(), gina.fired(), inputSha);
        }
        return assembler.assemble(request, drug, listed, notes, result,
                audit.of(inputSha, result.firedRules(), request.member().id(), decisions.used(result)),
                formulary.formulary().policy());
    }

    private CoverageDecision review(CoverageRequest request, List<FieldError> errors, List<String> fired, String inputSha) {
        return review(request.requestId(), request.member().id(), errors, fired, inputSha);
    }

    private CoverageDecision review(String requestId, String memberId, List<FieldError> errors, List<String> fired,
                                    String inputSha) {
        List<String> reasons = errors.stream().map(e -> "cannot decide: " + e.field() + ": " + e.message()).toList();
        return new CoverageDecision(CoverageDecision.CONTRACT_VERSION, requestId, Outcome.PHARMACIST_REVIEW, List.of(),
                null, List.of(), List.of(), List.of(), List.of(), reasons,
                MemberExplanation.write(Outcome.PHARMACIST_REVIEW, List.of(), null, null, List.of(), List.of(), false),
                errors, audit.of(inputSha, fired, memberId, List.of()));
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
        return review(null, null, List.of(new FieldError("$", "the engine could not decide this request ("
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
