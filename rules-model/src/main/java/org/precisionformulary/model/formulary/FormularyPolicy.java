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
 */
public record FormularyPolicy(PgxStrongAvoid pgxStrongAvoid, int defaultLookbackDays,
                              String stepTherapyRejectCode, String pgxDurReasonCode) {

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
    }

    @JsonCreator
    static FormularyPolicy fromJson(@JsonProperty("pgxStrongAvoid") PgxStrongAvoid pgxStrongAvoid,
                                    @JsonProperty("defaultLookbackDays") Integer defaultLookbackDays,
                                    @JsonProperty("stepTherapyRejectCode") String stepTherapyRejectCode,
                                    @JsonProperty("pgxDurReasonCode") String pgxDurReasonCode) {
        return new FormularyPolicy(pgxStrongAvoid, defaultLookbackDays == null ? 180 : defaultLookbackDays,
                stepTherapyRejectCode, pgxDurReasonCode);
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
