// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.drug;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * The drug a request is for: a name, an RxNorm ingredient id, or a National Drug Code, as a pharmacy
 * claim carries it; a name wins over an RxNorm id, which wins over an NDC.
 *
 * @param name   the drug name, compared case-insensitively
 * @param rxnorm the RxNorm concept id (digits)
 * @param ndc    the package NDC, kept in its 11-digit form ({@link Ndc#normalise})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrugRef(String name, String rxnorm, String ndc) {

    /** @throws IllegalArgumentException when none is given, the RxNorm id is not digits or the NDC is malformed */
    public DrugRef {
        name = blankToNull(name);
        rxnorm = blankToNull(rxnorm);
        ndc = blankToNull(ndc);
        if (name == null && rxnorm == null && ndc == null) {
            throw new IllegalArgumentException("a drug needs a name, an rxnorm id or an ndc");
        }
        if (ndc != null) {
            ndc = Ndc.normalise(ndc);
        }
        if (rxnorm != null && !rxnorm.matches("\\d{1,10}")) {
            throw new IllegalArgumentException("rxnorm must be digits, not '" + rxnorm + "'");
        }
        if (name != null) {
            name = normalise(name);
        }
    }

    /**
     * A drug by name and/or RxNorm id.
     *
     * @param name   the drug name
     * @param rxnorm the RxNorm concept id
     * @throws IllegalArgumentException when neither is given or the RxNorm id is not digits
     */
    public DrugRef(String name, String rxnorm) {
        this(name, rxnorm, null);
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
