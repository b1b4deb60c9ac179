// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.precisionformulary.model.decision.FieldError;

/**
 * One CDS Hooks call, as far as this service reads it (CDS Hooks 2.0 request: {@code hook},
 * {@code hookInstance}, {@code fhirServer}, {@code fhirAuthorization}, {@code context}, {@code prefetch}).
 *
 * @param hookInstance the EHR's id of this call
 * @param fhirServer   the EHR's FHIR base URL, or {@code null}
 * @param accessToken  the bearer token for {@code fhirServer}, or {@code null}
 * @param patientId    {@code context.patientId}
 * @param selections   {@code context.selections} (order-select), e.g. {@code MedicationRequest/103}; empty for
 *                     order-sign
 * @param draftOrders  {@code context.draftOrders}, a Bundle
 * @param prefetch     what the EHR prefetched, by key; a key it left out or sent as {@code null} is absent
 */
record HookCall(String hookInstance, URI fhirServer, String accessToken, String patientId, List<String> selections,
                JsonNode draftOrders, Map<String, JsonNode> prefetch) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** FHIR's id type: what may stand after {@code Patient/} in a URL the service builds. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    HookCall {
        selections = List.copyOf(selections);
        prefetch = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prefetch));
    }

    /**
     * Reads a call to the given service.
     *
     * @throws ServiceError 400 naming every field that is missing or wrong
     */
    static HookCall read(byte[] body, CdsServiceCatalog.CdsService service) {
        JsonNode root = parse(body);
        List<FieldError> errors = new ArrayList<>();
        String hook = text(root, "hook", "hook", errors);
        if (hook != null && !hook.equals(service.hook().id())) {
            errors.add(new FieldError("hook", "service " + service.id() + " answers " + service.hook().id()
                    + ", not " + hook));
        }
        String instance = text(root, "hookInstance", "hookInstance", errors);
        URI server = null;
        JsonNode serverNode = root.get("fhirServer");
        if (serverNode != null && !serverNode.isNull()) {
            server = fhirServer(serverNode, errors);
        }
        String token = null;
        JsonNode auth = root.get("fhirAuthorization");
        if (auth != null && !auth.isNull()) {
            if (!auth.isObject()) {
                errors.add(new FieldError("fhirAuthorization", "an object with access_token and token_type"));
            } else {
                token = text(auth, "access_token", "fhirAuthorization.access_token", errors);
                JsonNode type = auth.get("token_type");
                if (type != null && !"Bearer".equalsIgnoreCase(type.asText())) {
                    errors.add(new FieldError("fhirAuthorization.token_type", "only Bearer tokens are supported"));
                }
            }
        }
        JsonNode context = root.get("context");
        String patient = null;
        List<String> selections = new ArrayList<>();
        JsonNode draft = null;
        if (context == null || !context.isObject()) {
            errors.add(new FieldError("context", "the hook's context object is required"));
        } else {
            patient = text(context, "patientId", "context.patientId", errors);
            if (patient != null && !FHIR_ID.matcher(patient).matches()) {
                errors.add(new FieldError("context.patientId", "not a FHIR id (letters, digits, '-' and '.', at most 64)"));
            }
            draft = context.get("draftOrders");
            if (draft == null || !draft.isObject() || !"Bundle".equals(draft.path("resourceType").asText())) {
                errors.add(new FieldError("context.draftOrders", "a FHIR Bundle of the draft orders is required"));
            }
            if (service.hook() == CdsServiceCatalog.Hook.ORDER_SELECT) {
                JsonNode list = context.get("selections");
                if (list == null || !list.isArray() || list.isEmpty()) {
                    errors.add(new FieldError("context.selections", "order-select names the selected orders, "
                            + "e.g. [\"MedicationRequest/103\"]"));
                } else {
                    for (int i = 0; i < list.size(); i++) {
                        if (!list.get(i).isTextual()) {
                            errors.add(new FieldError("context.selections[" + i + "]", "a reference, e.g. MedicationRequest/103"));
                        } else {
                            selections.add(list.get(i).asText());
                        }
                    }
                }
            }
        }
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        JsonNode given = root.get("prefetch");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                errors.add(new FieldError("prefetch", "an object of FHIR resources by prefetch key"));
            } else {
                for (Map.Entry<String, JsonNode> e : given.properties()) {
                    JsonNode value = e.getValue();
                    if (value.isNull()) {
                        continue;
                    }
                    if (!value.isObject() || !value.hasNonNull("resourceType")) {
                        errors.add(new FieldError("prefetch." + e.getKey(), "a FHIR resource or Bundle, or null"));
                    } else {
                        prefetch.put(e.getKey(), value);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ServiceError(400, errors);
        }
        return new HookCall(instance, server, token, patient, selections, draft, prefetch);
    }

    /**
     * Reads a body as one JSON object.
     *
     * @throws ServiceError 400 when it is not JSON, or not an object
     */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ServiceError.badRequest("body", "empty; send a JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ServiceError.badRequest("body", "not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ServiceError.badRequest("body", "unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ServiceError.badRequest("body", "a JSON object is required");
        }
        return root;
    }

    private static URI fhirServer(JsonNode node, List<FieldError> errors) {
        try {
            URI uri = URI.create(node.asText());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(new FieldError("fhirServer", "an http or https base URL"));
        return null;
    }

    private static String text(JsonNode parent, String name, String field, List<FieldError> errors) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            errors.add(new FieldError(field, "a non-empty string is required"));
            return null;
        }
        return node.asText();
    }
}
