// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Optional;
import org.precisionformulary.model.decision.CoverageDecision;

/**
 * The Da Vinci CRD {@code coverage-information} extension on the draft order, as a CDS Hooks
 * {@code systemAction} updating it, for the outcomes CRD's codes say exactly: covered without authorization
 * (approved, with or without an exception), covered with authorization needed (prior authorization), and not
 * covered (rejected). Step therapy and pharmacist review have no CRD code of their own short of
 * {@code conditional} with the information needed, and get no system action; their card says what is needed.
 * CRD requires the Coverage the assertion is about, so without a Coverage there is none either.
 */
final class CoverageInformation {

    static final String EXTENSION = "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information";

    private final ObjectMapper json;

    CoverageInformation(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param order    the draft MedicationRequest
     * @param coverage the Coverage's reference, e.g. {@code Coverage/cov-1}, or {@code null}
     * @param decision the decision on the order
     * @param date     the date the assertion is made
     * @return the system action, or empty when CRD has no plain code for the outcome or no Coverage is known
     */
    Optional<ObjectNode> systemAction(JsonNode order, String coverage, CoverageDecision decision, LocalDate date) {
        String covered;
        String pa;
        switch (decision.outcome()) {
            case APPROVED, APPROVED_WITH_EXCEPTION -> {
                covered = "covered";
                pa = "no-auth";
            }
            case PRIOR_AUTH_REQUIRED -> {
                covered = "covered";
                pa = "auth-needed";
            }
            case REJECTED -> {
                covered = "not-covered";
                pa = null;
            }
            default -> {
                return Optional.empty();
            }
        }
        if (coverage == null) {
            return Optional.empty();
        }
        ObjectNode updated = ((ObjectNode) order).deepCopy();
        ArrayNode extensions = updated.withArray("extension");
        ObjectNode info = extensions.addObject();
        info.put("url", EXTENSION);
        ArrayNode parts = info.putArray("extension");
        parts.addObject().put("url", "coverage").putObject("valueReference").put("reference", coverage);
        parts.addObject().put("url", "covered").put("valueCode", covered);
        if (pa != null) {
            parts.addObject().put("url", "pa-needed").put("valueCode", pa);
        }
        parts.addObject().put("url", "date").put("valueDate", date.toString());
        // The decision's input hash identifies the assertion: the same order, data and pack give the same id.
        parts.addObject().put("url", "coverage-assertion-id").put("valueString", decision.audit().inputSha256());
        ObjectNode action = json.createObjectNode();
        action.put("type", "update");
        action.put("description", "Record the plan's coverage information on the draft order");
        action.set("resource", updated);
        return Optional.of(action);
    }
}
