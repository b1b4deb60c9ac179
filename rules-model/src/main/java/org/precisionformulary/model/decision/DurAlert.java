// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A drug utilisation review alert sent with a paid claim.
 *
 * @param reasonCode NCPDP Reason for Service code (439-E4), {@code DL} by default for drug-gene conflicts
 * @param severity   clinical significance
 * @param message    the free-text message (544-FY)
 * @param drug       the drug the alert is about
 * @param ruleId     the rule that raised it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"reasonCode", "severity", "message", "drug", "ruleId"})
public record DurAlert(String reasonCode, Severity severity, String message, String drug, String ruleId) {
    /** @throws NullPointerException when reasonCode, severity or message is missing */
    public DurAlert {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
