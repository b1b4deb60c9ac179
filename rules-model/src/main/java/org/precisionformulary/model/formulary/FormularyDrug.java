// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.precisionformulary.model.drug.DrugRef;
import org.precisionformulary.model.drug.Ndc;
import org.precisionformulary.model.genotype.Gene;

/**
 * A covered drug: its tier, therapeutic class and any protocol on it.
 *
 * @param drug        the drug name
 * @param rxnorm      the RxNorm ingredient id, optional
 * @param tier        the cost-share tier, 1 (lowest) to 10
 * @param drugClass   the therapeutic class; alternatives and tier exceptions are found within it
 * @param stepTherapy a step-therapy protocol, or {@code null}
 * @param priorAuth   prior-authorization criteria, or {@code null}
 * @param ndcs        the package NDCs a claim may name this drug by, in 11-digit form; empty when none
 * @param quantityLimit the plan's quantity limit on a fill, or {@code null}
 * @param genotypeRequired genes whose result the plan needs before it pays, where CPIC makes a Strong
 *                    recommendation for the drug on them (abacavir and HLA-B): a claim without one is held for
 *                    prior authorization (75) instead of only prompting the test; empty when none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"drug", "rxnorm", "ndc", "tier", "class", "stepTherapy", "priorAuth", "quantityLimit",
        "genotypeRequired"})
public record FormularyDrug(String drug, String rxnorm, int tier, @JsonProperty("class") String drugClass,
                            StepTherapy stepTherapy, PriorAuth priorAuth, @JsonProperty("ndc") List<String> ndcs,
                            QuantityLimit quantityLimit, List<Gene> genotypeRequired) {

    /**
     * @throws IllegalArgumentException when the name or class is missing, the tier is out of range or an NDC
     *                                  is malformed
     */
    public FormularyDrug {
        List<String> normal = new java.util.ArrayList<>();
        for (String n : ndcs == null ? List.<String>of() : ndcs) {
            try {
                normal.add(Ndc.normalise(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ndc of " + drug + ": " + e.getMessage(), e);
            }
        }
        ndcs = normal.stream().distinct().toList();
        genotypeRequired = genotypeRequired == null ? List.of() : genotypeRequired.stream().distinct().toList();
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

    /**
     * A drug listed without a required genotype.
     *
     * @param drug          the drug name
     * @param rxnorm        the RxNorm ingredient id, optional
     * @param tier          the cost-share tier, 1 to 10
     * @param drugClass     the therapeutic class
     * @param stepTherapy   a step-therapy protocol, or {@code null}
     * @param priorAuth     prior-authorization criteria, or {@code null}
     * @param ndcs          the package NDCs, empty when none
     * @param quantityLimit the quantity limit, or {@code null}
     * @throws IllegalArgumentException when the name or class is missing, the tier is out of range or an NDC
     *                                  is malformed
     */
    public FormularyDrug(String drug, String rxnorm, int tier, String drugClass, StepTherapy stepTherapy,
                         PriorAuth priorAuth, List<String> ndcs, QuantityLimit quantityLimit) {
        this(drug, rxnorm, tier, drugClass, stepTherapy, priorAuth, ndcs, quantityLimit, List.of());
    }

    /**
     * A drug listed without a quantity limit.
     *
     * @param drug        the drug name
     * @param rxnorm      the RxNorm ingredient id, optional
     * @param tier        the cost-share tier, 1 to 10
     * @param drugClass   the therapeutic class
     * @param stepTherapy a step-therapy protocol, or {@code null}
     * @param priorAuth   prior-authorization criteria, or {@code null}
     * @param ndcs        the package NDCs, empty when none
     * @throws IllegalArgumentException when the name or class is missing, the tier is out of range or an NDC
     *                                  is malformed
     */
    public FormularyDrug(String drug, String rxnorm, int tier, String drugClass, StepTherapy stepTherapy,
                         PriorAuth priorAuth, List<String> ndcs) {
        this(drug, rxnorm, tier, drugClass, stepTherapy, priorAuth, ndcs, null, List.of());
    }

    /**
     * A drug listed without NDCs.
     *
     * @param drug        the drug name
     * @param rxnorm      the RxNorm ingredient id, optional
     * @param tier        the cost-share tier, 1 to 10
     * @param drugClass   the therapeutic class
     * @param stepTherapy a step-therapy protocol, or {@code null}
     * @param priorAuth   prior-authorization criteria, or {@code null}
     * @throws IllegalArgumentException when the name or class is missing or the tier is out of range
     */
    public FormularyDrug(String drug, String rxnorm, int tier, String drugClass, StepTherapy stepTherapy,
                         PriorAuth priorAuth) {
        this(drug, rxnorm, tier, drugClass, stepTherapy, priorAuth, List.of(), null, List.of());
    }
}
