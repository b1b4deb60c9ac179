// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.fhir.FhirMapping;
import org.precisionformulary.fhir.FhirRequestMapper;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * Answers one CDS Hooks call: completes the prefetch from the EHR's FHIR server, maps each draft
 * MedicationRequest the hook is about with the patient's resources into a coverage request, has the engine
 * decide it, and writes a card per order (and, at order-sign, the plan's coverage information onto the order).
 * Thread-safe.
 */
final class OrderReview {

    private final CdsServiceCatalog catalog;
    private final PrefetchFetcher fetcher;
    private final FhirRequestMapper mapper;
    private final PrecisionFormulary engine;
    private final ObjectMapper json;
    private final Clock clock;
    private final Cards cards;
    private final CoverageInformation information;

    OrderReview(CdsServiceCatalog catalog, PrefetchFetcher fetcher, FhirRequestMapper mapper, PrecisionFormulary engine,
                ObjectMapper json, Clock clock) {
        this.catalog = catalog;
        this.fetcher = fetcher;
        this.mapper = mapper;
        this.engine = engine;
        this.json = json;
        this.clock = clock;
        this.cards = new Cards(json, engine.formulary());
        this.information = new CoverageInformation(json);
    }

    /**
     * @return the CDS Hooks response: {@code cards} and, where there are any, {@code systemActions}
     * @throws ServiceError 400 naming every FHIR element that could not be read
     */
    ObjectNode review(CdsServiceCatalog.CdsService service, HookCall call) {
        Map<String, String> resources = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        catalog.prefetchTemplates().forEach((key, query) -> {
            JsonNode given = call.prefetch().get(key);
            if (given != null) {
                resources.put(key, given.toString());
            } else {
                missing.put(key, query);
            }
        });
        PrefetchFetcher.Fetched fetched = fetcher.fetch(call, missing);
        resources.putAll(fetched.resources());
        notes.addAll(fetched.problems());
        if (call.fhirServer() == null) {
            missing.keySet().forEach(k -> notes.add(k + ": not prefetched, and no fhirServer to fetch it from"));
        }
        JsonNode givenCoverage = call.prefetch().get(CdsServiceCatalog.COVERAGE);
        String coverage = givenCoverage != null ? coverageReference(givenCoverage)
                : coverageReference(fetched.resources().get(CdsServiceCatalog.COVERAGE));
        ObjectNode response = json.createObjectNode();
        ArrayNode cardList = response.putArray("cards");
        ArrayNode actions = json.createArrayNode();
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode order : orders(service, call)) {
            String orderLabel = "context.draftOrders MedicationRequest/" + order.path("id").asText();
            List<String> inputs = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            inputs.add(order.toString());
            labels.add(orderLabel);
            resources.forEach((key, text) -> {
                inputs.add(text);
                labels.add("prefetch." + key);
            });
            FhirMapping mapping = mapper.fromResources(inputs, null);
            if (!mapping.isValid()) {
                for (FieldError e : mapping.errors()) {
                    errors.add(new FieldError(relabel(e.field(), labels), e.message()));
                }
                continue;
            }
            CoverageRequest request = mapping.request();
            CoverageDecision decision = engine.evaluate(request);
            List<String> orderNotes = new ArrayList<>(notes);
            mapping.messages().forEach(m -> orderNotes.add(relabel(m, labels)));
            String drug = drugName(request, order);
            cardList.add(cards.card(order, drug, decision, orderNotes, call.hookInstance()));
            if (service.hook() == CdsServiceCatalog.Hook.ORDER_SIGN) {
                LocalDate date = request.serviceDate() != null ? request.serviceDate() : LocalDate.now(clock);
                information.systemAction(order, coverage, decision, date).ifPresent(actions::add);
            }
        }
        if (!errors.isEmpty()) {
            throw new ServiceError(400, errors);
        }
        if (!actions.isEmpty()) {
            response.set("systemActions", actions);
        }
        return response;
    }

    /** The MedicationRequests the hook is about: the selected ones at order-select, every one at order-sign. */
    private static List<JsonNode> orders(CdsServiceCatalog.CdsService service, HookCall call) {
        List<JsonNode> orders = new ArrayList<>();
        JsonNode entries = call.draftOrders().path("entry");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode resource = entries.get(i).path("resource");
            if (!"MedicationRequest".equals(resource.path("resourceType").asText())) {
                continue;
            }
            if (!resource.path("id").isTextual()) {
                throw ServiceError.badRequest("context.draftOrders.entry[" + i + "].resource.id",
                        "a draft MedicationRequest needs an id for the card and its suggestions to refer to");
            }
            String reference = "MedicationRequest/" + resource.get("id").asText();
            if (service.hook() == CdsServiceCatalog.Hook.ORDER_SIGN || call.selections().contains(reference)) {
                orders.add(resource);
            }
        }
        return orders;
    }

    /** The drug as the formulary names it, else as the order does, for the card's words. */
    private String drugName(CoverageRequest request, JsonNode order) {
        if (request.drug().name() != null) {
            return request.drug().name();
        }
        if (request.drug().rxnorm() != null) {
            var listed = engine.formulary().findByRxnorm(request.drug().rxnorm());
            if (listed.isPresent()) {
                return listed.get().drug();
            }
        }
        JsonNode medication = order.path("medicationCodeableConcept");
        String text = medication.path("text").asText(medication.path("coding").path(0).path("display").asText(""));
        if (!text.isBlank()) {
            return text;
        }
        return request.drug().rxnorm() != null ? "RxNorm " + request.drug().rxnorm() : "NDC " + request.drug().ndc();
    }

    /** The first Coverage's reference in fetched FHIR JSON, or {@code null}. */
    private String coverageReference(String fetchedText) {
        if (fetchedText == null) {
            return null;
        }
        try {
            return coverageReference(json.readTree(fetchedText));
        } catch (java.io.IOException e) {
            // The mapper reports what cannot be read; without a reference there is only no system action.
            return null;
        }
    }

    /** The first Coverage's reference in a Coverage or a search Bundle, or {@code null}. */
    private static String coverageReference(JsonNode node) {
        if ("Coverage".equals(node.path("resourceType").asText()) && node.path("id").isTextual()) {
            return "Coverage/" + node.get("id").asText();
        }
        for (JsonNode entry : node.path("entry")) {
            JsonNode r = entry.path("resource");
            if ("Coverage".equals(r.path("resourceType").asText()) && r.path("id").isTextual()) {
                return "Coverage/" + r.get("id").asText();
            }
        }
        return null;
    }

    /** Names {@code resources[2]} in the mapper's words by where it came from, e.g. {@code prefetch.genomics}. */
    private static String relabel(String text, List<String> labels) {
        String out = text;
        for (int i = labels.size() - 1; i >= 0; i--) {
            out = out.replace("resources[" + i + "]", labels.get(i));
        }
        return out;
    }
}
