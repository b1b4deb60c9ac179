// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * The statutory ground a genomic finding against a drug supports. Step-therapy exception laws (and the
 * federal Safe Step Act bills) accept a required drug that is contraindicated or likely to cause an adverse
 * reaction, or one expected to be ineffective given the patient's known clinical characteristics. Which one a
 * CPIC recommendation supports is decided in the content ({@code actions.tsv}, carried into each generated
 * rule as {@code @ground}) or by a plan's P&amp;T decision ({@link PlanTables}), not here; a rule that declares
 * none is cited as CPIC's advice.
 */
enum Ground {

    CONTRAINDICATED("contraindicated or likely to cause an adverse reaction"),
    ADVERSE_REACTION("contraindicated or likely to cause an adverse reaction"),
    INEFFECTIVE("expected to be ineffective"),
    ADVISED_AGAINST("advised against by CPIC for this genotype");

    /** The rule metadata key that names a rule's ground. */
    static final String METADATA_KEY = "ground";

    private final String wording;

    Ground(String wording) {
        this.wording = wording;
    }

    /** @return the ground in the words of the exception laws, as a waiver cites it */
    String wording() {
        return wording;
    }

    /**
     * @param value a rule's {@code @ground} value, or {@code null} when it declares none
     * @return the ground; {@link #ADVISED_AGAINST} when none is declared
     * @throws IllegalArgumentException when the value names no ground
     */
    static Ground of(String value) {
        if (value == null || value.isBlank()) {
            return ADVISED_AGAINST;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@ground(\"" + value + "\") is not one of "
                    + Arrays.toString(values()), e);
        }
    }
}
