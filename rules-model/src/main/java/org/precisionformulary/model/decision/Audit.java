// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a decision was made with, so it can be reproduced and matched to its input without storing it.
 *
 * @param engineVersion   the library version
 * @param rulePackVersion the rule pack's version
 * @param rulePackSha256  SHA-256 over the pack's rule and data files
 * @param cpicDataVersion the CPIC data version the pack was generated from
 * @param formularyId     the formulary the request was routed against
 * @param inputSha256     SHA-256 of the request as received
 * @param firedRules      the rules that fired, in firing order
 * @param overriddenRules built-in rules the pack's local rules replaced by name; omitted when none
 * @param memberIdHash    HMAC-SHA-256 of the member id under the plan's key, hex, when the engine was given
 *                        a key; omitted otherwise. Decisions never carry the member id itself.
 * @param allowedInRules  the embedding host's helper classes the rule pack was allowed to call beyond the
 *                        rule allowlist, by name; omitted when none (the pack was held to the default list)
 * @param ptDecisions     the plan's P&amp;T decisions (its pack's {@code pt-decisions.tsv}) that changed a finding
 *                        of this decision, one line each: recommendation id, what changed, who decided and when;
 *                        omitted when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"engineVersion", "rulePackVersion", "rulePackSha256", "cpicDataVersion", "formularyId",
        "inputSha256", "firedRules", "overriddenRules", "memberIdHash", "allowedInRules", "ptDecisions"})
public record Audit(String engineVersion, String rulePackVersion, String rulePackSha256, String cpicDataVersion,
                    String formularyId, String inputSha256, List<String> firedRules,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> overriddenRules,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String memberIdHash,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> allowedInRules,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> ptDecisions) {
    /** Copies the lists. */
    public Audit {
        firedRules = firedRules == null ? List.of() : List.copyOf(firedRules);
        overriddenRules = overriddenRules == null ? List.of() : List.copyOf(overriddenRules);
        allowedInRules = allowedInRules == null ? List.of() : List.copyOf(allowedInRules);
        ptDecisions = ptDecisions == null ? List.of() : List.copyOf(ptDecisions);
    }

    /** An audit of a decision no P&amp;T decision of the plan changed. */
    public Audit(String engineVersion, String rulePackVersion, String rulePackSha256, String cpicDataVersion,
                 String formularyId, String inputSha256, List<String> firedRules, List<String> overriddenRules,
                 String memberIdHash, List<String> allowedInRules) {
        this(engineVersion, rulePackVersion, rulePackSha256, cpicDataVersion, formularyId, inputSha256, firedRules,
                overriddenRules, memberIdHash, allowedInRules, List.of());
    }

    /** An audit of a pack held to the default rule allowlist. */
    public Audit(String engineVersion, String rulePackVersion, String rulePackSha256, String cpicDataVersion,
                 String formularyId, String inputSha256, List<String> firedRules, List<String> overriddenRules,
                 String memberIdHash) {
        this(engineVersion, rulePackVersion, rulePackSha256, cpicDataVersion, formularyId, inputSha256, firedRules,
                overriddenRules, memberIdHash, List.of());
    }

    /** An audit without a member id hash (the engine was not given a key to hash member ids with). */
    public Audit(String engineVersion, String rulePackVersion, String rulePackSha256, String cpicDataVersion,
                 String formularyId, String inputSha256, List<String> firedRules, List<String> overriddenRules) {
        this(engineVersion, rulePackVersion, rulePackSha256, cpicDataVersion, formularyId, inputSha256, firedRules,
                overriddenRules, null);
    }
}
