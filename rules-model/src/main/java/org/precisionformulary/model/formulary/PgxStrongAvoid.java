// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

/** What a plan does with a Strong CPIC "avoid" for the requested drug. */
public enum PgxStrongAvoid {
    /** Reject with NCPDP 88, listing alternatives. */
    REJECT,
    /** Pay, with a DUR alert. */
    ALERT
}
