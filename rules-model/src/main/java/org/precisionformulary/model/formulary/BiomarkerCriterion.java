// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Objects;

/**
 * One way to meet a prior authorization: a biomarker with a given result, or a value at or above
 * {@code min} (and at or below {@code max}, when given).
 *
 * @param biomarker the biomarker name, e.g. {@code EGFR}, {@code PD-L1}
 * @param result    the required result, e.g. {@code positive}, {@code high}
 * @param min       the lowest qualifying value
 * @param max       the highest qualifying value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BiomarkerCriterion(String biomarker, String result, Double min, Double max) {
    /** @throws IllegalArgumentException when the biomarker is missing or no condition is given */
    public BiomarkerCriterion {
        Objects.requireNonNull(biomarker, "biomarker");
        if (biomarker.isBlank()) {
            throw new IllegalArgumentException("biomarker is blank");
        }
        if (result == null && min == null && max == null) {
            throw new IllegalArgumentException("criterion for " + biomarker + " needs a result, min or max");
        }
        if (result != null) {
            result = result.trim().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param marker a biomarker result
     * @return whether it meets this criterion: same biomarker (any case), the required result, and a value
     *         within {@code min}..{@code max} where those are given
     */
    public boolean isMetBy(org.precisionformulary.model.request.Biomarker marker) {
        if (!marker.name().trim().equalsIgnoreCase(biomarker.trim())) {
            return false;
        }
        if (result != null && !result.equals(marker.result())) {
            return false;
        }
        if (min != null && (marker.value() == null || marker.value() < min)) {
            return false;
        }
        return max == null || marker.value() != null && marker.value() <= max;
    }

    /** @return the criterion in words, e.g. {@code PD-L1 >= 50} or {@code EGFR positive} */
    public String describe() {
        StringBuilder sb = new StringBuilder(biomarker);
        if (result != null) {
            sb.append(' ').append(result);
        }
        if (min != null) {
            sb.append(" >= ").append(min.doubleValue() == Math.rint(min) ? String.valueOf(min.longValue()) : min);
        }
        if (max != null) {
            sb.append(" <= ").append(max.doubleValue() == Math.rint(max) ? String.valueOf(max.longValue()) : max);
        }
        return sb.toString();
    }
}
