// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.drug;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * The drug a request is for: a name, an RxNorm ingredient id, or both.
 *
 * @param name   the drug name, compared case-insensitively
 * @param rxnorm the RxNorm concept id (digits)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrugRef(String name, String rxnorm) {

    /** @throws IllegalArgumentException when neither is given, or the RxNorm id is not digits */
    public DrugRef {
        name = blankToNull(name);
        rxnorm = blankToNull(rxnorm);
        if (name == null && rxnorm == null) {
            throw new IllegalArgumentException("a drug needs a name or an rxnorm id");
        }
        if (rxnorm != null && !rxnorm.matches("\\d{1,10}")) {
            throw new IllegalArgumentException("rxnorm must be digits, not '" + rxnorm + "'");
        }
        if (name != null) {
            name = normalise(name);
        }
    }

    /**
     * @param name a drug name
     * @return a reference by name
     * @throws IllegalArgumentException when the name is blank
     */
    public static DrugRef named(String name) {
        return new DrugRef(name, null);
    }

    /**
     * The form drug names take everywhere in the library: trimmed, lower case, single spaces.
     *
     * @param name a drug name
     * @return the normalised name
     */
    public static String normalise(String name) {
        if (isNormal(name)) {
            return name;
        }
        return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Names are looked up on every request: most are normal already, and a scan is far cheaper than a regex. */
    private static boolean isNormal(String name) {
        if (name.isEmpty() || name.charAt(0) == ' ' || name.charAt(name.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 127 || c < ' ' || c == ' ' && name.charAt(i - 1) == ' ') {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
