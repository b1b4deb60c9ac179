// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.genotype;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The result of a single-allele test such as HLA-B*57:01. */
public enum AlleleResult {
    POSITIVE, NEGATIVE;

    /** @return {@code positive} or {@code negative}, as CPIC lookup keys write it */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label {@code positive} or {@code negative}, any case
     * @return the result
     * @throws IllegalArgumentException for any other text
     */
    @JsonCreator
    public static AlleleResult of(String label) {
        if (label != null) {
            switch (label.trim().toLowerCase(Locale.ROOT)) {
                case "positive": return POSITIVE;
                case "negative": return NEGATIVE;
                default: break;
            }
        }
        throw new IllegalArgumentException("allele result must be 'positive' or 'negative', not '" + label + "'");
    }
}
