// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** CPIC's strength of a recommendation, spelled as CPIC spells it. */
public enum Classification {
    STRONG("Strong"),
    MODERATE("Moderate"),
    OPTIONAL("Optional"),
    NO_RECOMMENDATION("No recommendation"),
    NOT_APPLICABLE("N/A");

    private final String label;

    Classification(String label) {
        this.label = label;
    }

    /** @return the CPIC spelling, e.g. {@code No recommendation} */
    @JsonValue
    public String label() {
        return label;
    }

    /**
     * @param label the CPIC spelling, or the enum name
     * @return the classification
     * @throws IllegalArgumentException for an unknown label
     */
    @JsonCreator
    public static Classification of(String label) {
        for (Classification c : values()) {
            if (c.label.equalsIgnoreCase(label) || c.name().equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown CPIC classification '" + label + "'");
    }
}
