// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.content.genotype.GenotypeInterpretation;
import org.precisionformulary.content.genotype.GenotypeInterpreter;
import org.precisionformulary.content.population.PopulationSelector;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.DurAlert;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.RejectCode;
import org.precisionformulary.model.decision.Severity;
import org.precisionformulary.model.formulary.BiomarkerCriterion;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.formulary.PgxStrongAvoid;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.json.RequestReader;
import org.precisionformulary.model.request.Biomarker;
import org.precisionformulary.model.request.CoverageRequest;
import org.precisionformulary.model.request.Fill;

/**
 * The benchmark's yardstick: the decisions the engine makes on the benchmark mix, computed by hand-written
 * hash-map lookups over the CPIC recommendation table and the formulary, with no rule engine. It reads
 * requests with the model's {@link RequestReader} and interprets genotypes and chooses populations with
 * rules-content's plain-Java {@link GenotypeInterpreter} and {@link PopulationSelector}, as the engine does.
 *
 * <p>It folds in only what the mix exercises: outcome, reject code, tier, exception types, the requested
 * drug's findings and its DUR alerts. It does not assemble alternatives, reasons or member explanations,
 * nor findings for drugs other than the requested one, and it leaves a phenotype-only entry for an
 * activity-score gene unkeyed (the engine may resolve one; the mix sends diplotypes). Thread-safe.
 */
public final class BaselineAdjudicator {

    /** One CPIC recommendation as a lookup target. */
    private record Rec(String id, String guidelineId, String drug, String population, Classification classification,
                       Action action, Map<String, String> key, String text) {
    }

    /** A recommendation that applies to this member. */
    private record Hit(Rec rec, String drug, String population) {
        boolean arguesAgainst() {
            return rec.action().arguesAgainst();
        }

        boolean strongAvoid() {
            return rec.classification() == Classification.STRONG && rec.action() == Action.AVOID;
        }
    }

    /** What routing concluded for one set of gene results. */
    private record Routing(String rejectCode, List<Hold> holds, Map<ExceptionType, Integer> waivers, List<Hit> hits) {
    }

    private record Hold(Outcome outcome, String code) {
    }

    private static final String WARFARIN = "warfarin";
    private static final Set<Gene> WARFARIN_GENES = Set.of(Gene.CYP2C9, Gene.VKORC1, Gene.CYP4F2);

    private final Formulary formulary;
    private final Clock clock;
    private final GenotypeInterpreter interpreter;
    private final PopulationSelector populations;
    private final CpicData cpic;
    private final Map<String, FormularyDrug> byName = new HashMap<>();
    private final Map<String, FormularyDrug> byRxnorm = new HashMap<>();
    private final Map<String, List<FormularyDrug>> byClass = new HashMap<>();
    private final Map<String, Integer> lowestTierByClass = new HashMap<>();
    /** "drug|population" to the genes its recommendations key on, in lookup-key order. */
    private final Map<String, List<String>> keyGenes = new HashMap<>();
    /** "drug|population|value|value..." to the recommendation with that key. */
    private final Map<String, Rec> recByKey = new HashMap<>();
    private final List<GeneResult> untested;
    /** drug to the genes its Strong recommendations depend on (a key value other than No Result) */
    private final Map<String, Set<Gene>> strongGenes = new HashMap<>();

    /**
     * @param formulary the plan's formulary
     * @param clock     where the default service date comes from, as the engine's
     * @throws NullPointerException when an argument is {@code null}
     */
    public BaselineAdjudicator(Formulary formulary, Clock clock) {
        this.formulary = Objects.requireNonNull(formulary, "formulary");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cpic = CpicData.builtIn();
        this.interpreter = new GenotypeInterpreter(cpic);
        this.populations = new PopulationSelector(cpic);
        for (FormularyDrug d : formulary.drugs()) {
            byName.put(d.drug(), d);
            if (d.rxnorm() != null) {
                byRxnorm.put(d.rxnorm(), d);
            }
            byClass.computeIfAbsent(d.drugClass(), c -> new ArrayList<>()).add(d);
            lowestTierByClass.merge(d.drugClass(), d.tier(), Math::min);
        }
        Map<String, Action> actions = CpicTables.actions();
        for (CpicRecommendation r : cpic.recommendations()) {
            Rec rec = new Rec(r.recommendationId(), r.guidelineId(), r.drug(), r.population(),
                    Classification.of(r.classification()), actions.get(r.recommendationId()), r.lookupKey(), r.text());
            String slot = r.drug() + "|" + r.population();
            keyGenes.putIfAbsent(slot, List.copyOf(r.lookupKey().keySet()));
            StringBuilder key = new StringBuilder(slot);
            r.lookupKey().values().forEach(v -> key.append('|').append(v));
            recByKey.put(key.toString(), rec);
            if (rec.classification() == Classification.STRONG) {
                r.lookupKey().forEach((symbol, value) -> {
                    if (!value.equals("No Result")) {
                        Gene.find(symbol).ifPresent(g -> strongGenes.computeIfAbsent(r.drug(),
                                d -> java.util.EnumSet.noneOf(Gene.class)).add(g));
                    }
                });
            }
        }
        List<GeneResult> none = new ArrayList<>();
        for (Gene gene : Gene.values()) {
            none.add(GeneResult.untested(gene));
        }
        this.untested = List.copyOf(none);
    }

    /**
     * @param requestJson one request (contract §1)
     * @return the decision; {@code PHARMACIST_REVIEW} with errors for bad input
     */
    public CoverageDecision decide(String requestJson) {
        ParsedRequest parsed = RequestReader.read(requestJson);
        String inputSha = sha256(parsed.rawText());
        if (!parsed.isValid()) {
            return review(parsed.requestId(), parsed.errors(), inputSha);
        }
        CoverageRequest request = parsed.request();
        LocalDate today = LocalDate.now(clock);
        LocalDate serviceDate = request.serviceDate() != null ? request.serviceDate() : today;
        List<FieldError> errors = new ArrayList<>(dateErrors(request, serviceDate));
        if (serviceDate.isAfter(today.plusDays(1))) {
            errors.add(0, new FieldError("serviceDate", "service date " + serviceDate + " is in the future"));
        }
        GenotypeInterpretation genotypes = interpreter.interpret(request.genotypes());
        errors.addAll(genotypes.errors());
        if (!errors.isEmpty()) {
            return review(request.requestId(), errors, inputSha);
        }
        String drug = resolveDrug(request);
        FormularyDrug listed = byName.get(drug);
        Map<String, List<String>> reviewed = reviewed(request, drug, listed, serviceDate);
        Routing routing = route(drug, listed, reviewed, genotypes.results(), request, serviceDate);
        // Testing gaps: genes a Strong recommendation for the drug depends on that no result tests. A plan that
        // requires one holds the claim for prior authorization; any other is a minor alert.
        List<Gene> gaps = new ArrayList<>();
        for (Gene g : strongGenes.getOrDefault(drug, Set.of())) {
            if (genotypes.results().stream().noneMatch(r -> r.gene() == g && r.tested())) {
                gaps.add(g);
            }
        }
        if (listed != null && gaps.stream().anyMatch(listed.genotypeRequired()::contains)) {
            List<Hold> holds = new ArrayList<>(routing.holds());
            holds.add(new Hold(Outcome.PRIOR_AUTH_REQUIRED, "75"));
            routing = new Routing(routing.rejectCode(), holds, routing.waivers(), routing.hits());
        }

        Outcome outcome;
        List<String> rejectCodes = List.of();
        Integer tier = listed == null ? null : listed.tier();
        List<CoverageException> exceptions = new ArrayList<>();
        boolean alertsShown = true;
        if (routing.rejectCode() != null) {
            outcome = Outcome.REJECTED;
            rejectCodes = List.of(routing.rejectCode());
            alertsShown = false;
        } else if (!routing.holds().isEmpty()) {
            Hold first = routing.holds().stream().filter(h -> h.outcome() == Outcome.PRIOR_AUTH_REQUIRED).findFirst()
                    .orElse(routing.holds().get(0));
            outcome = first.outcome();
            rejectCodes = List.of(first.code());
        } else if (!routing.waivers().isEmpty()) {
            outcome = Outcome.APPROVED_WITH_EXCEPTION;
            routing.waivers().forEach((type, lowerTier) -> exceptions.add(new CoverageException(type, null, "baseline")));
            Integer lowerTier = routing.waivers().get(ExceptionType.TIER_EXCEPTION);
            if (lowerTier != null && tier != null && lowerTier < tier) {
                tier = lowerTier;
            }
        } else {
            outcome = Outcome.APPROVED;
        }
        List<Finding> findings = new ArrayList<>();
        List<DurAlert> alerts = new ArrayList<>();
        for (Hit hit : routing.hits()) {
            if (!hit.drug().equals(drug)) {
                continue;
            }
            Finding finding = finding(hit, genotypes.results());
            findings.add(finding);
            Severity severity = severity(hit.rec());
            if (alertsShown && listed != null && severity != null) {
                alerts.add(new DurAlert(formulary.policy().pgxDurReasonCode(), severity, finding.drug() + " ("
                        + finding.population() + "): " + finding.recommendation(), drug, "baseline"));
            }
        }
        if (alertsShown && listed != null) {
            for (Gene g : gaps) {
                if (!listed.genotypeRequired().contains(g)) {
                    alerts.add(new DurAlert(formulary.policy().pgxDurReasonCode(), Severity.MINOR, "no " + g.symbol()
                            + " result", drug, "baseline"));
                }
            }
        }
        findings.sort((a, b) -> a.population().equals(b.population())
                ? a.ruleId().compareTo(b.ruleId()) : a.population().compareTo(b.population()));
        if (outcome == Outcome.APPROVED || outcome == Outcome.APPROVED_WITH_EXCEPTION) {
            // GINA: genetics may lower the tier charged, never raise it above what the member pays untested.
            if (!request.genotypes().isEmpty() && tier != null) {
                Routing blind = route(drug, listed, reviewed, untested, request, serviceDate);
                Integer blindTier = chargedTier(blind, listed);
                if (blindTier != null && tier > blindTier) {
                    return review(request.requestId(), List.of(new FieldError("genotypes", "GINA guard: tier "
                            + tier + " with genotypes, " + blindTier + " without")), inputSha);
                }
            }
        }
        return new CoverageDecision(CoverageDecision.CONTRACT_VERSION, request.requestId(), outcome, rejectCodes, tier,
                findings, List.of(), exceptions, alerts, List.of(), null, List.of(), audit(inputSha));
    }

    private Routing route(String drug, FormularyDrug listed, Map<String, List<String>> reviewed, List<GeneResult> results,
                          CoverageRequest request, LocalDate serviceDate) {
        Map<Gene, List<GeneResult>> byGene = new EnumMap<>(Gene.class);
        for (GeneResult g : results) {
            byGene.computeIfAbsent(g.gene(), x -> new ArrayList<>(1)).add(g);
        }
        List<Hit> hits = new ArrayList<>();
        Set<String> grounds = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> e : reviewed.entrySet()) {
            String reviewedDrug = e.getKey();
            int before = hits.size();
            boolean everyPopulationAgainst = true;
            for (String population : e.getValue()) {
                boolean against = false;
                for (Hit hit : hits(reviewedDrug, population, byGene)) {
                    hits.add(hit);
                    against |= hit.arguesAgainst();
                }
                everyPopulationAgainst &= against;
            }
            boolean anyAgainst = hits.subList(before, hits.size()).stream().anyMatch(Hit::arguesAgainst);
            if (anyAgainst && everyPopulationAgainst) {
                grounds.add(reviewedDrug);
            }
        }
        if (listed == null) {
            return new Routing(RejectCode.NOT_COVERED, List.of(), Map.of(), hits);
        }
        List<Hit> own = hits.stream().filter(h -> h.drug().equals(drug)).toList();
        if (formulary.policy().pgxStrongAvoid() == PgxStrongAvoid.REJECT && own.stream().anyMatch(Hit::strongAvoid)
                && reviewed.get(drug).stream().allMatch(p -> own.stream()
                        .anyMatch(h -> h.population().equals(p) && h.strongAvoid()))) {
            return new Routing(RejectCode.PGX_HARD_STOP, List.of(), Map.of(), hits);
        }
        List<Hold> holds = new ArrayList<>();
        Map<ExceptionType, Integer> waivers = new LinkedHashMap<>();
        if (listed.priorAuth() != null) {
            boolean met = false;
            for (BiomarkerCriterion c : listed.priorAuth().anyOf()) {
                for (Biomarker b : request.biomarkers()) {
                    met |= c.isMetBy(b);
                }
            }
            if (met) {
                waivers.put(ExceptionType.PRIOR_AUTH_AUTO_APPROVAL, null);
            } else {
                holds.add(new Hold(Outcome.PRIOR_AUTH_REQUIRED, RejectCode.PRIOR_AUTH_REQUIRED));
            }
        }
        if (listed.stepTherapy() != null) {
            int days = listed.stepTherapy().lookbackDays() != null
                    ? listed.stepTherapy().lookbackDays() : formulary.policy().defaultLookbackDays();
            LocalDate since = serviceDate.minusDays(days);
            boolean met = false;
            for (Fill fill : request.history()) {
                met |= listed.stepTherapy().anyOf().contains(fill.drug()) && !fill.filledOn().isBefore(since)
                        && !fill.filledOn().isAfter(serviceDate);
            }
            if (!met) {
                if (grounds.containsAll(listed.stepTherapy().anyOf())) {
                    waivers.put(ExceptionType.STEP_THERAPY_BYPASS, null);
                } else {
                    holds.add(new Hold(Outcome.STEP_THERAPY_REQUIRED, formulary.policy().stepTherapyRejectCode()));
                }
            }
        }
        boolean anyLower = false;
        boolean everyLowerGrounded = true;
        for (FormularyDrug other : byClass.get(listed.drugClass())) {
            if (other.tier() < listed.tier()) {
                anyLower = true;
                everyLowerGrounded &= grounds.contains(other.drug());
            }
        }
        if (anyLower && everyLowerGrounded) {
            waivers.put(ExceptionType.TIER_EXCEPTION, lowestTierByClass.get(listed.drugClass()));
        }
        return new Routing(null, holds, waivers, hits);
    }

    /** The recommendations of one drug and population that this member's gene results key into. */
    private List<Hit> hits(String drug, String population, Map<Gene, List<GeneResult>> byGene) {
        List<Hit> out = new ArrayList<>(1);
        if (drug.equals(WARFARIN)) {
            boolean tested = WARFARIN_GENES.stream().anyMatch(g -> byGene.getOrDefault(g, List.of()).stream()
                    .anyMatch(GeneResult::tested));
            if (tested) {
                out.add(new Hit(new Rec(null, "PA166104949", WARFARIN, population, Classification.NOT_APPLICABLE,
                        Action.ADJUST_DOSE, Map.of(), "CPIC warfarin dosing algorithm"), drug, population));
            }
            return out;
        }
        String slot = drug + "|" + population;
        List<String> genes = keyGenes.get(slot);
        if (genes == null) {
            return out;
        }
        // HLA genes carry one result per allele, so try each combination of the member's results.
        List<String> keys = List.of(slot);
        for (String symbol : genes) {
            List<GeneResult> results = byGene.getOrDefault(Gene.of(symbol), List.of());
            List<String> next = new ArrayList<>(keys.size() * Math.max(1, results.size()));
            for (String prefix : keys) {
                for (GeneResult g : results) {
                    if (g.lookupKey() != null) {
                        next.add(prefix + "|" + g.lookupKey());
                    }
                }
            }
            keys = next;
        }
        for (String key : keys) {
            Rec rec = recByKey.get(key);
            if (rec != null) {
                out.add(new Hit(rec, drug, population));
            }
        }
        return out;
    }

    private static Integer chargedTier(Routing routing, FormularyDrug listed) {
        if (listed == null || routing.rejectCode() != null || !routing.holds().isEmpty()) {
            return null;
        }
        Integer lower = routing.waivers().get(ExceptionType.TIER_EXCEPTION);
        return lower == null ? listed.tier() : Math.min(listed.tier(), lower);
    }

    /** The DUR alert a finding for the requested drug raises when the claim is not rejected, or none. */
    private static Severity severity(Rec rec) {
        if (rec.action() == Action.AVOID && rec.classification() == Classification.STRONG) {
            return Severity.MAJOR;
        }
        if (rec.action().arguesAgainst() || rec.action() == Action.MEASURE_FIRST) {
            return Severity.MODERATE;
        }
        if (rec.action() == Action.ADJUST_DOSE) {
            return rec.classification() == Classification.STRONG ? Severity.MODERATE : Severity.MINOR;
        }
        return null;
    }

    private Map<String, List<String>> reviewed(CoverageRequest request, String drug, FormularyDrug listed,
                                               LocalDate serviceDate) {
        Set<String> drugs = new LinkedHashSet<>();
        drugs.add(drug);
        if (listed != null) {
            byClass.get(listed.drugClass()).forEach(d -> drugs.add(d.drug()));
            if (listed.stepTherapy() != null) {
                drugs.addAll(listed.stepTherapy().anyOf());
            }
        }
        Map<String, List<String>> reviewed = new LinkedHashMap<>();
        for (String d : drugs) {
            reviewed.put(d, populations.candidates(d, request.indication(), request.member().birthDate(),
                    request.diagnoses(), request.history(), serviceDate));
        }
        return reviewed;
    }

    private String resolveDrug(CoverageRequest request) {
        if (request.drug().name() != null) {
            return request.drug().name();
        }
        String rxnorm = request.drug().rxnorm();
        FormularyDrug listed = byRxnorm.get(rxnorm);
        return listed != null ? listed.drug() : cpic.drugByRxnorm(rxnorm).orElse("rxnorm:" + rxnorm);
    }

    private static List<FieldError> dateErrors(CoverageRequest request, LocalDate serviceDate) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate birth = request.member().birthDate();
        if (birth != null && birth.isAfter(serviceDate)) {
            errors.add(new FieldError("member.birthDate", "birth date after the service date"));
        }
        for (int i = 0; i < request.genotypes().size(); i++) {
            LocalDate reported = request.genotypes().get(i).resultDate();
            if (reported != null && reported.isAfter(serviceDate)) {
                errors.add(new FieldError("genotypes[" + i + "].resultDate", "result date after the service date"));
            }
        }
        for (int i = 0; i < request.history().size(); i++) {
            if (request.history().get(i).filledOn().isAfter(serviceDate)) {
                errors.add(new FieldError("history[" + i + "].filledOn", "fill date after the service date"));
            }
        }
        return errors;
    }

    private static Finding finding(Hit hit, List<GeneResult> results) {
        Rec rec = hit.rec();
        Map<String, String> genes = new TreeMap<>();
        for (GeneResult g : results) {
            if (rec.key().containsKey(g.gene().symbol()) && Objects.equals(rec.key().get(g.gene().symbol()), g.lookupKey())
                    || rec.id() == null && WARFARIN_GENES.contains(g.gene()) && g.tested()) {
                genes.put(g.gene().symbol(), g.display());
            }
        }
        String ruleId = rec.id() != null ? rec.id() : rec.guidelineId();
        return new Finding(hit.drug(), hit.population(), genes, rec.key(), rec.classification(), rec.action(),
                rec.text(), List.of(), rec.guidelineId(), null, List.of(), rec.id(), ruleId);
    }

    private CoverageDecision review(String requestId, List<FieldError> errors, String inputSha) {
        return new CoverageDecision(CoverageDecision.CONTRACT_VERSION, requestId, Outcome.PHARMACIST_REVIEW, List.of(),
                null, List.of(), List.of(), List.of(), List.of(), List.of(), null, errors, audit(inputSha));
    }

    private Audit audit(String inputSha) {
        return new Audit("baseline", null, null, cpic.version(), formulary.formularyId(), inputSha, List.of(), List.of());
    }

    /** The engine hashes every input for its audit; the baseline does the same work so the ratio is fair. */
    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
