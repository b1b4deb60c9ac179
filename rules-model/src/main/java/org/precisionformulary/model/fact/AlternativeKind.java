// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

/**
 * Why a drug is offered: a decision lists class alternatives, except when it holds the claim for a missing
 * step, where it lists the step drugs the member can take.
 */
public enum AlternativeKind {
    /** Another drug of the requested drug's formulary class. */
    CLASS,
    /** A step drug of the requested drug's step-therapy protocol. */
    STEP
}
