// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a coverage request (contract §2).
 *
 * @param contractVersion   the version of the public contract this decision follows
 * @param requestId         the request's id, echoed
 * @param outcome           what happens to the claim
 * @param rejectCodes       NCPDP reject codes, empty unless rejected or held
 * @param tier              the tier charged, or {@code null} when the drug is not covered
 * @param findings          the CPIC recommendations behind the decision
 * @param alternatives      drugs the member could take instead
 * @param exceptions        restrictions waived
 * @param durAlerts         DUR alerts sent with the claim
 * @param reasons           plain sentences for the pharmacist, in firing order
 * @param memberExplanation plain-language text for the member
 * @param errors            why the request could not be decided, one entry per problem
 * @param audit             what the decision was made with
 * @param respondBy         for a hold on a request that says when it was submitted, when the plan's answer to
 *                          the exception request is due; otherwise {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"contractVersion", "requestId", "outcome", "rejectCodes", "tier", "findings", "alternatives",
        "exceptions", "durAlerts", "reasons", "memberExplanation", "errors", "audit", "respondBy"})
public record CoverageDecision(int contractVersion, String requestId, Outcome outcome, List<String> rejectCodes,
                               Integer tier, List<Finding> findings, List<Alternative> alternatives,
                               List<CoverageException> exceptions, List<DurAlert> durAlerts, List<String> reasons,
                               String memberExplanation, List<FieldError> errors, Audit audit,
                               java.time.Instant respondBy) {

    /** The version of the public contract this library writes. */
    public static final int CONTRACT_VERSION = 1;

    /** @throws NullPointerException when the outcome is missing */
    public CoverageDecision {
        Objects.requireNonNull(outcome, "outcome");
        rejectCodes = copy(rejectCodes);
        findings = copy(findings);
        alternatives = copy(alternatives);
        exceptions = copy(exceptions);
        durAlerts = copy(durAlerts);
        reasons = copy(reasons);
        errors = copy(errors);
    }

    /**
     * A decision without a response deadline.
     *
     * @param contractVersion   the contract version
     * @param requestId         the request's id
     * @param outcome           what happens to the claim
     * @param rejectCodes       NCPDP reject codes
     * @param tier              the tier charged, or {@code null}
     * @param findings          the CPIC recommendations behind the decision
     * @param alternatives      drugs the member could take instead
     * @param exceptions        restrictions waived
     * @param durAlerts         DUR alerts
     * @param reasons           sentences for the pharmacist
     * @param memberExplanation text for the member
     * @param errors            why the request could not be decided
     * @param audit             what the decision was made with
     * @throws NullPointerException when the outcome is missing
     */
    public CoverageDecision(int contractVersion, String requestId, Outcome outcome, List<String> rejectCodes,
                            Integer tier, List<Finding> findings, List<Alternative> alternatives,
                            List<CoverageException> exceptions, List<DurAlert> durAlerts, List<String> reasons,
                            String memberExplanation, List<FieldError> errors, Audit audit) {
        this(contractVersion, requestId, outcome, rejectCodes, tier, findings, alternatives, exceptions, durAlerts,
                reasons, memberExplanation, errors, audit, null);
    }

    /**
     * The same decision with sentences put before its reasons: what a step before the engine did to the input
     * (a PharmCAT import's notes: a gene skipped, a result taken as untested), so the decision carries it.
     *
     * @param notes the sentences, in order
     * @return a copy with {@code notes} first in {@code reasons}
     * @throws NullPointerException when {@code notes} or one of them is {@code null}
     */
    public CoverageDecision withReasonsFirst(List<String> notes) {
        List<String> all = new java.util.ArrayList<>(List.copyOf(notes));
        all.addAll(reasons);
        return new CoverageDecision(contractVersion, requestId, outcome, rejectCodes, tier, findings, alternatives,
                exceptions, durAlerts, all, memberExplanation, errors, audit, respondBy);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
