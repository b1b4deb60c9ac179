// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Plan-wide settings (contract §3).
 *
 * @param pgxStrongAvoid        what a Strong CPIC avoid does to the requested drug
 * @param defaultLookbackDays   step-therapy look-back when a drug gives none
 * @param stepTherapyRejectCode NCPDP reject code for a missing step
 * @param pgxDurReasonCode      NCPDP DUR reason code on pharmacogenomic alerts
 * @param pgxOverrides          the DUR/PPS answers the plan accepts on a resubmitted claim to override a
 *                              pharmacogenomic hard stop CPIC qualifies with a condition of use; a missing
 *                              reason for service stands for {@code pgxDurReasonCode}; empty: none accepted
 * @param quantityLimitClarificationCodes the submission clarification codes (420-DK, two digits) with which a
 *                              claim may exceed a drug's quantity limit, e.g. {@code 03} vacation supply or
 *                              {@code 04} lost prescription; empty: none, a fill over the limit is rejected (76)
 * @param exceptionResponse     the hours within which the plan answers an exception request, by urgency; 72 and
 *                              24 when not given
 */
public record FormularyPolicy(PgxStrongAvoid pgxStrongAvoid, int defaultLookbackDays,
                              String stepTherapyRejectCode, String pgxDurReasonCode,
                              @com.fasterxml.jackson.annotation.JsonInclude(
                                      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                              java.util.List<org.precisionformulary.model.request.DurPps> pgxOverrides,
                              @com.fasterxml.jackson.annotation.JsonInclude(
                                      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                              java.util.List<String> quantityLimitClarificationCodes,
                              ResponseDeadlines exceptionResponse) {

    /** The defaults the contract names: reject, 180 days, 608, DL. */
    public static final FormularyPolicy DEFAULT = new FormularyPolicy(PgxStrongAvoid.REJECT, 180,
            org.precisionformulary.model.decision.RejectCode.STEP_THERAPY, "DL");

    /** @throws IllegalArgumentException for a look-back below 1 day or a blank code */
    public FormularyPolicy {
        if (pgxStrongAvoid == null) {
            pgxStrongAvoid = PgxStrongAvoid.REJECT;
        }
        if (defaultLookbackDays < 1 || defaultLookbackDays > 3660) {
            throw new IllegalArgumentException("defaultLookbackDays must be between 1 and 3660, not " + defaultLookbackDays);
        }
        stepTherapyRejectCode = code(stepTherapyRejectCode, org.precisionformulary.model.decision.RejectCode.STEP_THERAPY, "stepTherapyRejectCode");
        pgxDurReasonCode = code(pgxDurReasonCode, "DL", "pgxDurReasonCode");
        pgxOverrides = pgxOverrides == null ? java.util.List.of() : java.util.List.copyOf(pgxOverrides);
        exceptionResponse = exceptionResponse == null ? ResponseDeadlines.DEFAULT : exceptionResponse;
        quantityLimitClarificationCodes = quantityLimitClarificationCodes == null ? java.util.List.of()
                : quantityLimitClarificationCodes.stream().map(c -> {
                    try {
                        return org.precisionformulary.model.request.ClaimDetails.clarificationCode(c);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("quantityLimitClarificationCodes: " + e.getMessage(), e);
                    }
                }).distinct().toList();
    }

    /**
     * A policy that accepts no submission clarification code for quantity limits.
     *
     * @param pgxStrongAvoid        what a Strong CPIC avoid does
     * @param defaultLookbackDays   step-therapy look-back
     * @param stepTherapyRejectCode reject code for a missing step
     * @param pgxDurReasonCode      DUR reason code on pharmacogenomic alerts
     * @param pgxOverrides          the DUR/PPS answers accepted to override a qualified hard stop
     * @throws IllegalArgumentException for a look-back below 1 day or a blank code
     */
    public FormularyPolicy(PgxStrongAvoid pgxStrongAvoid, int defaultLookbackDays, String stepTherapyRejectCode,
                           String pgxDurReasonCode, java.util.List<org.precisionformulary.model.request.DurPps> pgxOverrides) {
        this(pgxStrongAvoid, defaultLookbackDays, stepTherapyRejectCode, pgxDurReasonCode, pgxOverrides,
                java.util.List.of(), null);
    }

    /**
     * A policy that accepts no override.
     *
     * @param pgxStrongAvoid        what a Strong CPIC avoid does
     * @param defaultLookbackDays   step-therapy look-back
     * @param stepTherapyRejectCode reject code for a missing step
     * @param pgxDurReasonCode      DUR reason code on pharmacogenomic alerts
     * @throws IllegalArgumentException for a look-back below 1 day or a blank code
     */
    public FormularyPolicy(PgxStrongAvoid pgxStrongAvoid, int defaultLookbackDays, String stepTherapyRejectCode,
                           String pgxDurReasonCode) {
        this(pgxStrongAvoid, defaultLookbackDays, stepTherapyRejectCode, pgxDurReasonCode, java.util.List.of(),
                java.util.List.of(), null);
    }

    /**
     * @param answer a pharmacist's DUR/PPS answer
     * @return whether the plan accepts it as an override of a pharmacogenomic conflict
     */
    public boolean acceptsPgxOverride(org.precisionformulary.model.request.DurPps answer) {
        String reason = answer.reasonForService() == null ? pgxDurReasonCode : answer.reasonForService();
        return pgxOverrides.stream().anyMatch(o -> reason.equals(o.reasonForService() == null ? pgxDurReasonCode
                : o.reasonForService()) && o.professionalService().equals(answer.professionalService())
                && o.resultOfService().equals(answer.resultOfService()));
    }

    /**
     * @param claim the claim's details, or {@code null}
     * @return the first of its submission clarification codes the plan accepts for a fill over a quantity
     *         limit, or empty
     */
    public java.util.Optional<String> quantityLimitClarification(org.precisionformulary.model.request.ClaimDetails claim) {
        return claim == null ? java.util.Optional.empty() : claim.submissionClarificationCodes().stream()
                .filter(quantityLimitClarificationCodes::contains).findFirst();
    }

    @JsonCreator
    static FormularyPolicy fromJson(@JsonProperty("pgxStrongAvoid") PgxStrongAvoid pgxStrongAvoid,
                                    @JsonProperty("defaultLookbackDays") Integer defaultLookbackDays,
                                    @JsonProperty("stepTherapyRejectCode") String stepTherapyRejectCode,
                                    @JsonProperty("pgxDurReasonCode") String pgxDurReasonCode,
                                    @JsonProperty("pgxOverrides")
                                    java.util.List<org.precisionformulary.model.request.DurPps> pgxOverrides,
                                    @JsonProperty("quantityLimitClarificationCodes")
                                    java.util.List<String> quantityLimitClarificationCodes,
                                    @JsonProperty("exceptionResponse") ResponseDeadlines exceptionResponse) {
        return new FormularyPolicy(pgxStrongAvoid, defaultLookbackDays == null ? 180 : defaultLookbackDays,
                stepTherapyRejectCode, pgxDurReasonCode, pgxOverrides, quantityLimitClarificationCodes,
                exceptionResponse);
    }

    private static String code(String value, String fallback, String field) {
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[A-Z0-9]{1,3}")) {
            throw new IllegalArgumentException(field + " must be an NCPDP code of 1 to 3 letters or digits, not '" + value + "'");
        }
        return value;
    }
}
