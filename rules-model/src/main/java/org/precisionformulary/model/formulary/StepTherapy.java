// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.precisionformulary.model.drug.DrugRef;

/**
 * A step-therapy protocol: the drug pays once any of {@code anyOf} was filled within the look-back.
 *
 * @param anyOf        the step drugs, any one of which meets the step
 * @param lookbackDays how far back a fill counts, or {@code null} for the plan default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepTherapy(List<String> anyOf, Integer lookbackDays) {
    /** @throws IllegalArgumentException when no step drug is named or the look-back is not positive */
    public StepTherapy {
        if (anyOf == null || anyOf.isEmpty()) {
            throw new IllegalArgumentException("stepTherapy.anyOf names at least one drug");
        }
        anyOf = anyOf.stream().map(DrugRef::normalise).toList();
        if (lookbackDays != null && (lookbackDays < 1 || lookbackDays > 3660)) {
            throw new IllegalArgumentException("stepTherapy.lookbackDays must be between 1 and 3660, not " + lookbackDays);
        }
    }
}
