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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"engineVersion", "rulePackVersion", "rulePackSha256", "cpicDataVersion", "formularyId",
        "inputSha256", "firedRules", "overriddenRules"})
public record Audit(String engineVersion, String rulePackVersion, String rulePackSha256, String cpicDataVersion,
                    String formularyId, String inputSha256, List<String> firedRules,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> overriddenRules) {
    /** Copies the lists. */
    public Audit {
        firedRules = firedRules == null ? List.of() : List.copyOf(firedRules);
        overriddenRules = overriddenRules == null ? List.of() : List.copyOf(overriddenRules);
    }
}
