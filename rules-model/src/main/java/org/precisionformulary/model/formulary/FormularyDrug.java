// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.precisionformulary.model.drug.DrugRef;

/**
 * A covered drug: its tier, therapeutic class and any protocol on it.
 *
 * @param drug        the drug name
 * @param rxnorm      the RxNorm ingredient id, optional
 * @param tier        the cost-share tier, 1 (lowest) to 10
 * @param drugClass   the therapeutic class; alternatives and tier exceptions are found within it
 * @param stepTherapy a step-therapy protocol, or {@code null}
 * @param priorAuth   prior-authorization criteria, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"drug", "rxnorm", "tier", "class", "stepTherapy", "priorAuth"})
public record FormularyDrug(String drug, String rxnorm, int tier, @JsonProperty("class") String drugClass,
                            StepTherapy stepTherapy, PriorAuth priorAuth) {

    /** @throws IllegalArgumentException when the name or class is missing or the tier is out of range */
    public FormularyDrug {
        if (drug == null || drug.isBlank()) {
            throw new IllegalArgumentException("drug is missing");
        }
        drug = DrugRef.normalise(drug);
        if (tier < 1 || tier > 10) {
            throw new IllegalArgumentException("tier of " + drug + " must be between 1 and 10, not " + tier);
        }
        if (drugClass == null || drugClass.isBlank()) {
            throw new IllegalArgumentException("class of " + drug + " is missing");
        }
        if (rxnorm != null && !rxnorm.matches("\\d{1,10}")) {
            throw new IllegalArgumentException("rxnorm of " + drug + " must be digits, not '" + rxnorm + "'");
        }
    }
}
