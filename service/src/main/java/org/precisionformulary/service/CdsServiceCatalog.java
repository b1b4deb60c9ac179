// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.precisionformulary.fhir.FhirCodeMap;

/**
 * The CDS services this application offers and what each asks the EHR to prefetch. The pharmacogenomic
 * observation query lists exactly the codes the FHIR code map reads, so a plan that replaces the map changes
 * what is asked for with it.
 */
final class CdsServiceCatalog {

    /** A CDS Hooks hook this service answers. */
    enum Hook {
        ORDER_SELECT("order-select"),
        ORDER_SIGN("order-sign");

        private final String id;

        Hook(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }
    }

    /** One service: its id in the URL, the hook it answers, and its discovery entry. */
    record CdsService(String id, Hook hook, String title, String description) {
    }

    static final String PATIENT = "patient";
    static final String COVERAGE = "coverage";
    static final String GENOMICS = "genomics";
    static final String CONDITIONS = "conditions";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CdsService> services = List.of(
            new CdsService("pgx-coverage-order-select", Hook.ORDER_SELECT, "Pharmacogenomic coverage check",
                    "When a medication is selected: its coverage under the plan's formulary, decided with the "
                            + "patient's pharmacogenomic results and CPIC's recommendations, and the covered "
                            + "alternatives the results allow."),
            new CdsService("pgx-coverage-order-sign", Hook.ORDER_SIGN, "Pharmacogenomic coverage check at signing",
                    "Before medication orders are signed: each order's coverage and CPIC finding, as at "
                            + "selection, with the plan's coverage information written back to the order."));

    private final Map<String, String> prefetch;
    private final String discovery;

    CdsServiceCatalog(FhirCodeMap codeMap) {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put(PATIENT, "Patient/{{context.patientId}}");
        templates.put(COVERAGE, "Coverage?patient={{context.patientId}}&status=active");
        templates.put(GENOMICS, "Observation?patient={{context.patientId}}&code="
                + String.join(",", codeMap.observationCodeTokens()));
        templates.put(CONDITIONS, "Condition?patient={{context.patientId}}");
        this.prefetch = java.util.Collections.unmodifiableMap(templates);
        ObjectNode root = JSON.createObjectNode();
        var list = root.putArray("services");
        for (CdsService s : services) {
            ObjectNode entry = list.addObject();
            entry.put("hook", s.hook().id()).put("id", s.id()).put("title", s.title()).put("description", s.description());
            ObjectNode p = entry.putObject("prefetch");
            templates.forEach(p::put);
        }
        this.discovery = root.toString();
    }

    /** @return the discovery document, {@code GET /cds-services} */
    String discovery() {
        return discovery;
    }

    Optional<CdsService> service(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** @return the prefetch templates by key, in the order they are declared */
    Map<String, String> prefetchTemplates() {
        return prefetch;
    }

    /** @return the prefetch keys, patient first */
    static List<String> prefetchKeys() {
        return List.of(PATIENT, COVERAGE, GENOMICS, CONDITIONS);
    }
}
