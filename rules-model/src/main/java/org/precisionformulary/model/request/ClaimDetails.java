// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a pharmacy claim says about the fill itself, from the NCPDP D.0 claim segment: the quantity dispensed
 * (442-E7), the days supply (405-D5) and the submission clarification codes (420-DK) a pharmacist sends to
 * explain a fill outside the plan's limits (e.g. 03 vacation supply, 04 lost prescription).
 *
 * @param quantityDispensed            units dispensed, more than 0 and at most 9,999,999.999 (the field's size)
 * @param daysSupply                   days the fill lasts, 1 to 999
 * @param submissionClarificationCodes 420-DK codes, two digits each ({@code 3} is read as {@code 03}); at most 3,
 *                                     as the claim segment repeats the field
 * @param strengthMg                   the strength of one unit dispensed, in mg, or {@code null}; with it the daily
 *                                     dose is known and checked against CPIC's ceilings for the genotype
 * @param priorAuthorizationNumber     the prior authorization number submitted (462-EV, up to 11 characters) when
 *                                     the host's prior-authorization system approved this fill beyond the plan's
 *                                     quantity limit, or {@code null}; the engine does not look it up
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimDetails(double quantityDispensed, int daysSupply,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> submissionClarificationCodes,
                           Double strengthMg, String priorAuthorizationNumber) {

    /** The most units the 442-E7 field can carry (9(7)v999). */
    public static final double MAX_QUANTITY = 9_999_999.999;

    /**
     * @throws IllegalArgumentException naming the field, when a value is out of range or a code is not one or
     *                                  two digits
     */
    public ClaimDetails {
        if (!(quantityDispensed > 0) || quantityDispensed > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantityDispensed must be more than 0 and at most 9999999.999, not "
                    + quantityDispensed);
        }
        if (daysSupply < 1 || daysSupply > 999) {
            throw new IllegalArgumentException("daysSupply must be between 1 and 999, not " + daysSupply);
        }
        List<String> codes = submissionClarificationCodes == null ? List.of() : submissionClarificationCodes;
        if (codes.size() > 3) {
            throw new IllegalArgumentException("submissionClarificationCodes holds at most 3 codes, not " + codes.size());
        }
        submissionClarificationCodes = codes.stream().map(ClaimDetails::clarificationCode).toList();
        if (strengthMg != null && (!(strengthMg > 0) || strengthMg.isInfinite())) {
            throw new IllegalArgumentException("strengthMg must be a positive number, not " + strengthMg);
        }
        if (priorAuthorizationNumber != null && !isPriorAuthorizationNumber(priorAuthorizationNumber)) {
            throw new IllegalArgumentException("priorAuthorizationNumber is 1 to 11 letters, digits or hyphens, not '"
                    + priorAuthorizationNumber + "'");
        }
    }

    /**
     * A claim segment without a prior authorization number.
     *
     * @param quantityDispensed            units dispensed
     * @param daysSupply                   days the fill lasts
     * @param submissionClarificationCodes 420-DK codes
     * @param strengthMg                   mg per unit, or {@code null}
     * @throws IllegalArgumentException naming the field, when a value is out of range
     */
    public ClaimDetails(double quantityDispensed, int daysSupply, List<String> submissionClarificationCodes,
                        Double strengthMg) {
        this(quantityDispensed, daysSupply, submissionClarificationCodes, strengthMg, null);
    }

    /**
     * A claim segment without the strength.
     *
     * @param quantityDispensed            units dispensed
     * @param daysSupply                   days the fill lasts
     * @param submissionClarificationCodes 420-DK codes
     * @throws IllegalArgumentException naming the field, when a value is out of range
     */
    public ClaimDetails(double quantityDispensed, int daysSupply, List<String> submissionClarificationCodes) {
        this(quantityDispensed, daysSupply, submissionClarificationCodes, null, null);
    }

    /**
     * @param text a candidate 462-EV value
     * @return whether it is 1 to 11 letters, digits or hyphens
     */
    public static boolean isPriorAuthorizationNumber(String text) {
        return text != null && text.matches("[A-Za-z0-9-]{1,11}");
    }

    /** @return whether the claim carries a prior authorization number */
    public boolean hasPriorAuthorization() {
        return priorAuthorizationNumber != null;
    }

    /** @return the daily dose in mg, or {@code null} without a strength */
    public Double dailyDoseMg() {
        return strengthMg == null ? null : quantityDispensed * strengthMg / daysSupply;
    }

    /**
     * @param code a 420-DK submission clarification code, one or two digits
     * @return it in two digits ({@code 3} gives {@code 03})
     * @throws IllegalArgumentException when it is not one or two digits
     */
    public static String clarificationCode(String code) {
        if (code == null || !code.trim().matches("\\d{1,2}")) {
            throw new IllegalArgumentException("a submission clarification code is one or two digits, not '" + code + "'");
        }
        String c = code.trim();
        return c.length() == 1 ? "0" + c : c;
    }

    /** @return the quantity as a pharmacist writes it: {@code 30}, {@code 2.5} */
    public String quantityText() {
        return BigDecimal.valueOf(quantityDispensed).stripTrailingZeros().toPlainString();
    }
}
