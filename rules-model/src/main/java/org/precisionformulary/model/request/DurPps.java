// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.request;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A pharmacist's answer to a DUR conflict, as an NCPDP DUR/PPS segment carries it on a resubmitted claim:
 * reason for service (439-E4, the conflict), professional service (440-E5, what was done) and result of
 * service (441-E6, the outcome), e.g. {@code DL} / {@code M0} (prescriber consulted) / {@code 1G} (filled with
 * prescriber approval). In a plan's policy, a missing reason stands for the plan's pharmacogenomic reason code.
 *
 * @param reasonForService    439-E4, or {@code null}
 * @param professionalService 440-E5
 * @param resultOfService     441-E6
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DurPps(String reasonForService, String professionalService, String resultOfService) {

    /** @throws IllegalArgumentException when a code is not 2 letters or digits, or a service code is missing */
    public DurPps {
        reasonForService = code(reasonForService, "reasonForService", true);
        professionalService = code(professionalService, "professionalService", false);
        resultOfService = code(resultOfService, "resultOfService", false);
    }

    /**
     * @param value a DUR/PPS code as sent
     * @return whether it is one: 2 letters or digits, either case, surrounding blanks allowed
     */
    public static boolean isCode(String value) {
        return value != null && value.trim().toUpperCase(java.util.Locale.ROOT).matches("[A-Z0-9]{2}");
    }

    private static String code(String value, String field, boolean optional) {
        if (value == null || value.isBlank()) {
            if (optional) {
                return null;
            }
            throw new IllegalArgumentException(field + " is required");
        }
        if (!isCode(value)) {
            throw new IllegalArgumentException(field + " must be an NCPDP code of 2 letters or digits, not '" + value + "'");
        }
        return value.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /** @return the codes as a pharmacist writes them, {@code DL/M0/1G} */
    @Override
    public String toString() {
        return (reasonForService == null ? "*" : reasonForService) + "/" + professionalService + "/" + resultOfService;
    }
}
