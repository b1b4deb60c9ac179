// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.DurAlert;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.RejectCode;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.request.DurPps;

/**
 * Turns a coverage decision on one draft order into a CDS Hooks card.
 *
 * <ul>
 *   <li>{@code indicator}: {@code critical} for a pharmacogenomic hard stop (reject 88); {@code warning} for a
 *       hold (prior authorization, step therapy, pharmacist review), a plain rejection and any DUR alert;
 *       {@code info} otherwise, an exception granted included.</li>
 *   <li>{@code summary}: the coverage outcome and the CPIC finding that matters most, under 140 characters. It
 *       names genes, never a diplotype or phenotype: a summary travels further than the detail (order
 *       lists, inboxes), and the patient's result belongs in the prescriber's detail view only.</li>
 *   <li>{@code detail}: markdown with the finding's phenotype, CPIC's recommendation, guideline and PubMed ids,
 *       the exceptions, DUR alerts and what the service could not read.</li>
 *   <li>{@code suggestions}: one per covered alternative that no CPIC finding in the decision advises against
 *       (avoid or consider an alternative), each replacing the draft order's medication; dose and quantity
 *       are removed because they were written for the other drug.</li>
 *   <li>{@code overrideReasons}: for a pharmacogenomic stop the plan lets a pharmacist override with a
 *       DUR/PPS code pair (the formulary's {@code policy.pgxOverrides}), the prescriber's approval it stands
 *       for.</li>
 * </ul>
 */
final class Cards {

    static final int SUMMARY_LIMIT = 140;
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    /** NCPDP publishes no FHIR system for DUR/PPS codes; the pair is named in this library's own namespace. */
    static final String OVERRIDE_SYSTEM = "urn:precisionformulary:ncpdp-dur-pps";
    private static final String PUBMED = "https://pubmed.ncbi.nlm.nih.gov/";

    /** How strongly a finding's action speaks against the drug, most first. */
    private static final List<Action> WEIGHT = List.of(Action.AVOID, Action.CONSIDER_ALTERNATIVE,
            Action.ADJUST_DOSE, Action.MEASURE_FIRST, Action.MONITOR, Action.INDETERMINATE, Action.STANDARD,
            Action.NO_RECOMMENDATION);

    private final ObjectMapper json;
    private final Formulary formulary;

    Cards(ObjectMapper json, Formulary formulary) {
        this.json = json;
        this.formulary = formulary;
    }

    /**
     * The card for one order.
     *
     * @param order     the draft MedicationRequest as the EHR sent it
     * @param drug      the drug's name as the decision speaks of it
     * @param decision  the engine's decision
     * @param notes     what the service left out or could not fetch, one sentence each
     * @param hookInstance the call's id, so the card's uuid is the same for the same call and order
     */
    ObjectNode card(JsonNode order, String drug, CoverageDecision decision, List<String> notes, String hookInstance) {
        ObjectNode card = json.createObjectNode();
        card.put("uuid", UUID.nameUUIDFromBytes((hookInstance + "|" + order.path("id").asText())
                .getBytes(StandardCharsets.UTF_8)).toString());
        Optional<Finding> headline = headline(decision, drug);
        card.put("summary", summary(drug, decision, headline, !notes.isEmpty()));
        card.put("indicator", indicator(decision, !notes.isEmpty()));
        card.put("detail", detail(drug, decision, notes));
        ObjectNode source = card.putObject("source");
        source.put("label", "Precision Formulary (" + formulary.formularyId() + ", CPIC)");
        headline.map(Finding::guidelineUrl).filter(u -> u != null && !u.isBlank()).ifPresent(u -> source.put("url", u));
        List<Alternative> alternatives = compatibleAlternatives(decision);
        if (!alternatives.isEmpty()) {
            card.put("selectionBehavior", "at-most-one");
            ArrayNode suggestions = card.putArray("suggestions");
            for (Alternative a : alternatives) {
                suggestions.add(suggestion(order, drug, a, hookInstance));
            }
        }
        List<DurPps> overrides = overrides(decision);
        if (!overrides.isEmpty()) {
            ArrayNode reasons = card.putArray("overrideReasons");
            for (DurPps pps : overrides) {
                reasons.addObject().put("system", OVERRIDE_SYSTEM)
                        .put("code", pps.professionalService() + "-" + pps.resultOfService())
                        .put("display", "Prescriber approves despite the pharmacogenomic finding (NCPDP DUR/PPS "
                                + pps.professionalService() + " / " + pps.resultOfService() + ")");
            }
        }
        ArrayNode links = json.createArrayNode();
        Map<String, String> guidelines = new LinkedHashMap<>();
        for (Finding f : decision.findings()) {
            if (f.guidelineUrl() != null && !f.guidelineUrl().isBlank()) {
                guidelines.putIfAbsent(f.guidelineUrl(), "CPIC guideline: " + f.drug() + " and "
                        + String.join(", ", f.genes().keySet()));
            }
        }
        guidelines.forEach((url, label) -> links.addObject().put("label", label).put("url", url).put("type", "absolute"));
        if (!links.isEmpty()) {
            card.set("links", links);
        }
        return card;
    }

    /** The finding on the ordered drug that speaks most strongly, if any. */
    static Optional<Finding> headline(CoverageDecision decision, String drug) {
        return decision.findings().stream()
                .filter(f -> f.drug().equalsIgnoreCase(drug))
                .min(Comparator.comparingInt(f -> weight(f.action())));
    }

    private static int weight(Action action) {
        int i = WEIGHT.indexOf(action);
        return i < 0 ? WEIGHT.size() : i;
    }

    static String indicator(CoverageDecision decision, boolean incomplete) {
        if (decision.outcome() == Outcome.REJECTED && decision.rejectCodes().contains(RejectCode.PGX_HARD_STOP)) {
            return "critical";
        }
        boolean hold = switch (decision.outcome()) {
            case PRIOR_AUTH_REQUIRED, STEP_THERAPY_REQUIRED, PHARMACIST_REVIEW, REJECTED -> true;
            case APPROVED, APPROVED_WITH_EXCEPTION -> false;
        };
        return hold || !decision.durAlerts().isEmpty() || incomplete ? "warning" : "info";
    }

    static String summary(String drug, CoverageDecision decision, Optional<Finding> headline, boolean incomplete) {
        String name = capitalise(drug);
        String coverage = switch (decision.outcome()) {
            case APPROVED -> name + " is covered" + tier(decision.tier());
            case APPROVED_WITH_EXCEPTION -> name + " is covered" + tier(decision.tier()) + " by exception ("
                    + decision.exceptions().stream().map(e -> words(e.type().name())).distinct()
                    .collect(Collectors.joining(", ")) + ")";
            case PRIOR_AUTH_REQUIRED -> name + " needs prior authorization";
            case STEP_THERAPY_REQUIRED -> name + " needs step therapy first";
            case REJECTED -> decision.rejectCodes().contains(RejectCode.PGX_HARD_STOP)
                    ? name + " is not covered for this patient" : name + " is not covered";
            case PHARMACIST_REVIEW -> name + ": coverage needs pharmacist review";
        };
        String finding = headline.filter(f -> f.action() != Action.STANDARD && f.action() != Action.NO_RECOMMENDATION)
                .map(f -> "CPIC: " + words(f.action().name()) + " (" + String.join(", ", f.genes().keySet()) + ")")
                .orElse(incomplete ? "genetic results incomplete" : null);
        String text = finding == null ? coverage : coverage + " — " + finding;
        return text.length() < SUMMARY_LIMIT ? text : text.substring(0, SUMMARY_LIMIT - 2) + "…";
    }

    private String detail(String drug, CoverageDecision d, List<String> notes) {
        StringBuilder md = new StringBuilder();
        md.append("**Coverage:** ").append(words(d.outcome().name()));
        if (!d.rejectCodes().isEmpty()) {
            md.append(" (NCPDP reject ").append(String.join(", ", d.rejectCodes())).append(')');
        }
        if (d.tier() != null) {
            md.append(", tier ").append(d.tier());
        }
        md.append(" under formulary ").append(formulary.formularyId()).append(".\n\n");
        for (Finding f : d.findings()) {
            md.append("**CPIC, ").append(f.drug()).append("** (").append(f.classification().label()).append(", ")
                    .append(words(f.action().name())).append(f.population() == null || "general".equals(f.population())
                            ? "" : ", " + f.population()).append("): ")
                    .append(f.recommendation()).append("\n\n");
            f.genes().forEach((gene, phenotype) -> md.append("- ").append(gene).append(": ").append(phenotype).append('\n'));
            md.append("- Guideline ").append(link(f.guidelineId(), f.guidelineUrl()));
            if (!f.pmids().isEmpty()) {
                md.append("; PubMed ").append(f.pmids().stream().map(p -> "[" + p + "](" + PUBMED + p + "/)")
                        .collect(Collectors.joining(", ")));
            }
            md.append("\n\n");
        }
        if (!d.alternatives().isEmpty()) {
            md.append("**Alternatives on the formulary:** ").append(d.alternatives().stream()
                    .map(a -> a.drug() + " (tier " + a.tier() + ")").collect(Collectors.joining(", "))).append("\n\n");
        }
        for (CoverageException e : d.exceptions()) {
            md.append("**Exception granted:** ").append(words(e.type().name()))
                    .append(e.ground() == null ? "" : ": " + e.ground()).append("\n\n");
        }
        for (DurAlert a : d.durAlerts()) {
            md.append("**DUR alert ").append(a.reasonCode()).append("** (").append(a.severity()).append("): ")
                    .append(a.message()).append("\n\n");
        }
        if (!d.reasons().isEmpty()) {
            md.append("**Why:**\n");
            d.reasons().forEach(r -> md.append("- ").append(r).append('\n'));
            md.append('\n');
        }
        if (!d.errors().isEmpty()) {
            md.append("**Could not decide:**\n");
            d.errors().forEach(e -> md.append("- ").append(e.field()).append(": ").append(e.message()).append('\n'));
            md.append('\n');
        }
        if (!notes.isEmpty()) {
            md.append("**Not used:**\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
        md.append("Rule pack ").append(d.audit().rulePackVersion()).append(", CPIC data ")
                .append(d.audit().cpicDataVersion()).append('.');
        return md.toString();
    }

    /** Alternatives on the formulary that no finding in the decision advises against. */
    List<Alternative> compatibleAlternatives(CoverageDecision decision) {
        return decision.alternatives().stream()
                .filter(a -> formulary.find(a.drug()).isPresent())
                .filter(a -> decision.findings().stream().noneMatch(f -> f.drug().equalsIgnoreCase(a.drug())
                        && (f.action() == Action.AVOID || f.action() == Action.CONSIDER_ALTERNATIVE)))
                .toList();
    }

    private ObjectNode suggestion(JsonNode order, String drug, Alternative alternative, String hookInstance) {
        ObjectNode s = json.createObjectNode();
        s.put("label", "Prescribe " + alternative.drug() + " instead (tier " + alternative.tier() + ")");
        s.put("uuid", UUID.nameUUIDFromBytes((hookInstance + "|" + order.path("id").asText() + "|" + alternative.drug())
                .getBytes(StandardCharsets.UTF_8)).toString());
        ObjectNode replaced = ((ObjectNode) order).deepCopy();
        replaced.remove("medicationReference");
        replaced.remove("dosageInstruction");
        replaced.remove("dispenseRequest");
        ObjectNode medication = replaced.putObject("medicationCodeableConcept");
        FormularyDrug entry = formulary.find(alternative.drug()).orElseThrow();
        if (entry.rxnorm() != null) {
            medication.putArray("coding").addObject().put("system", RXNORM).put("code", entry.rxnorm())
                    .put("display", entry.drug());
        }
        medication.put("text", entry.drug());
        ObjectNode action = s.putArray("actions").addObject();
        action.put("type", "update");
        action.put("description", "Replace " + drug + " with " + alternative.drug()
                + " in the draft order; enter the dose for " + alternative.drug());
        action.set("resource", replaced);
        return s;
    }

    private List<DurPps> overrides(CoverageDecision decision) {
        boolean pgxStop = decision.rejectCodes().contains(RejectCode.PGX_HARD_STOP)
                || decision.durAlerts().stream().anyMatch(a -> a.reasonCode().equals(formulary.policy().pgxDurReasonCode()));
        return pgxStop ? formulary.policy().pgxOverrides() : List.of();
    }

    private static String link(String id, String url) {
        return url == null || url.isBlank() ? id : "[" + id + "](" + url + ")";
    }

    private static String tier(Integer tier) {
        return tier == null ? "" : " (tier " + tier + ")";
    }

    /** {@code STEP_THERAPY_BYPASS} → {@code step therapy bypass}: the contract's names, read aloud. */
    static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
