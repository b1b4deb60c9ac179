// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

/** What happens to the claim (contract §2). */
public enum Outcome {
    /** Pays as submitted. */
    APPROVED,
    /** Pays because a rule waived a restriction; the decision's exceptions say which. */
    APPROVED_WITH_EXCEPTION,
    /** Needs review before it pays (NCPDP 75). The engine never auto-denies a prior authorization. */
    PRIOR_AUTH_REQUIRED,
    /** A required earlier step is missing (NCPDP 608 by default). */
    STEP_THERAPY_REQUIRED,
    /** Not covered (70) or a hard pharmacogenomic stop (88). */
    REJECTED,
    /** The input cannot be decided safely; the decision's errors say why. */
    PHARMACIST_REVIEW
}
