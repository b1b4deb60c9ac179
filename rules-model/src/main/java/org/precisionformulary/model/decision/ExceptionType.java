// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

/** The restriction a genomic ground waived. */
public enum ExceptionType {
    STEP_THERAPY_BYPASS, TIER_EXCEPTION, PRIOR_AUTH_AUTO_APPROVAL,
    /**
     * A pharmacogenomic hard stop answered on resubmission: the pharmacist's DUR/PPS codes, which the plan
     * accepts, confirm the condition under which CPIC allows the drug.
     */
    PGX_OVERRIDE
}
