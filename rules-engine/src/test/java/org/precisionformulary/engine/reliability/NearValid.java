// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import java.util.List;
import java.util.Objects;

/**
 * A valid request with one targeted corruption.
 *
 * @param text           the request text as sent
 * @param corruption     what was broken
 * @param variant        how, in a few words (for counts and failure messages)
 * @param expectedFields the fields an error must name, any one of them (a path or a path prefix); empty when the
 *                       engine is known to accept the corruption (see {@link Corruption#DUPLICATE_KEYS})
 */
record NearValid(String text, Corruption corruption, String variant, List<String> expectedFields) {

    NearValid {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(corruption, "corruption");
        Objects.requireNonNull(variant, "variant");
        expectedFields = List.copyOf(expectedFields);
    }

    /** @return whether {@code field} is one of the expected fields or lies inside one */
    boolean names(String field) {
        return expectedFields.stream().anyMatch(e -> field.equals(e) || field.startsWith(e + ".")
                || field.startsWith(e + "["));
    }

    @Override
    public String toString() {
        String shown = text.length() > 300 ? text.substring(0, 300) + "... (" + text.length() + " chars)" : text;
        return corruption + "/" + variant + " expecting " + expectedFields + ": " + shown;
    }
}
