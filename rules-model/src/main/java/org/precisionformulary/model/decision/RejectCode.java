// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

/**
 * The NCPDP Telecommunication D.0 reject codes the engine writes (contract §2), named once for the routing
 * rules, the outcome precedence and the GINA guard. A plan's formulary chooses the step-therapy code
 * ({@code policy.stepTherapyRejectCode}); the default is here.
 */
public final class RejectCode {

    /** 70: product/service not covered (the drug is not on the formulary). */
    public static final String NOT_COVERED = "70";

    /** 75: prior authorization required. */
    public static final String PRIOR_AUTH_REQUIRED = "75";

    /** 76: plan limitations exceeded, used for a fill over the drug's quantity limit. */
    public static final String PLAN_LIMITS_EXCEEDED = "76";

    /** 88: DUR reject error, used for a pharmacogenomic hard stop (a Strong CPIC avoid). */
    public static final String PGX_HARD_STOP = "88";

    /** 608: step therapy, alternate drug therapy required; the default of {@code policy.stepTherapyRejectCode}. */
    public static final String STEP_THERAPY = "608";

    private RejectCode() {
    }
}
