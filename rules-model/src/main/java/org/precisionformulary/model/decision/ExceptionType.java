// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

/** The restriction waived: by a genomic ground, or (quantity limits) by what the pharmacist sent. */
public enum ExceptionType {
    STEP_THERAPY_BYPASS, TIER_EXCEPTION, PRIOR_AUTH_AUTO_APPROVAL,
    /**
     * A pharmacogenomic hard stop answered on resubmission: the pharmacist's DUR/PPS codes, which the plan
     * accepts, confirm the condition under which CPIC allows the drug.
     */
    PGX_OVERRIDE,
    /**
     * A fill over the drug's quantity limit, paid because the claim carries a submission clarification code
     * (420-DK) the plan accepts for it; no genomic ground.
     */
    QUANTITY_LIMIT_OVERRIDE
}
