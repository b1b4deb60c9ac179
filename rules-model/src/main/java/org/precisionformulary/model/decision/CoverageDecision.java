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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"contractVersion", "requestId", "outcome", "rejectCodes", "tier", "findings", "alternatives",
        "exceptions", "durAlerts", "reasons", "memberExplanation", "errors", "audit"})
public record CoverageDecision(int contractVersion, String requestId, Outcome outcome, List<String> rejectCodes,
                               Integer tier, List<Finding> findings, List<Alternative> alternatives,
                               List<CoverageException> exceptions, List<DurAlert> durAlerts, List<String> reasons,
                               String memberExplanation, List<FieldError> errors, Audit audit) {

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

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
