// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Objects;

/**
 * A biomarker result, e.g. a companion diagnostic: {@code EGFR positive}, {@code PD-L1 60}.
 *
 * @param name   the biomarker
 * @param result a categorical result, e.g. {@code positive}, {@code high}; stored lower case
 * @param value  a numeric result, e.g. a tumour proportion score
 * @param detail free text, e.g. {@code exon 19 deletion}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Biomarker(String name, String result, Double value, String detail) {
    /** @throws IllegalArgumentException when the name is missing or neither result nor value is given */
    public Biomarker {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("biomarker name is blank");
        }
        if (result == null && value == null) {
            throw new IllegalArgumentException("biomarker " + name + " needs a result or a value");
        }
        if (result != null) {
            result = result.trim().toLowerCase(Locale.ROOT);
        }
    }
}
