// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.ContractJson;

/** Hand-built decisions that read like the domain: {@code a(Outcome.REJECTED).rejectCode("88").build()}. */
final class Decisions {

    static final Audit AUDIT = new Audit("1.0", "pack-2026.11", "a".repeat(64), "cpic-1", "PLAN-7", "b".repeat(64),
            List.of(), null);

    private final Outcome outcome;
    private Integer tier = 1;
    private final List<String> rejectCodes = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<CoverageException> exceptions = new ArrayList<>();
    private final List<FieldError> errors = new ArrayList<>();
    private Audit audit = AUDIT;

    private Decisions(Outcome outcome) {
        this.outcome = outcome;
    }

    static Decisions a(Outcome outcome) {
        return new Decisions(outcome);
    }

    static CoverageDecision approved() {
        return a(Outcome.APPROVED).build();
    }

    Decisions tier(Integer t) {
        tier = t;
        return this;
    }

    Decisions rejectCode(String code) {
        rejectCodes.add(code);
        return this;
    }

    Decisions finding(String drug, String gene, String value, Action action, String guidelineId) {
        findings.add(new Finding(drug, "general", Map.of(gene, value), Map.of(), Classification.STRONG, action,
                "text", List.of(), guidelineId, null, List.of(), null, drug + " " + gene + " " + value));
        return this;
    }

    Decisions exception(ExceptionType type) {
        exceptions.add(new CoverageException(type, "ground", "rule " + type));
        return this;
    }

    Decisions error(String field) {
        errors.add(new FieldError(field, "bad " + field));
        return this;
    }

    Decisions audit(Audit a) {
        audit = a;
        return this;
    }

    CoverageDecision build() {
        return new CoverageDecision(CoverageDecision.CONTRACT_VERSION, "R", outcome, rejectCodes, tier, findings,
                List.of(), exceptions, List.of(), List.of(), null, errors, audit);
    }

    /** A request line with the given group (or none, when null) and drug name. */
    static String line(String group, String drug) {
        String member = group == null ? "{\"id\":\"M\"}"
                : "{\"id\":\"M\",\"monitoringGroup\":" + json(group) + "}";
        return "{\"requestId\":\"R\",\"member\":" + member + ",\"drug\":{\"name\":" + json(drug) + "}}";
    }

    private static String json(String text) {
        try {
            return ContractJson.mapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
