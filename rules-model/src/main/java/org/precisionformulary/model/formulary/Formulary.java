// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plan's formulary document (contract §3). A drug that is not listed is not covered.
 *
 * @param formularyId the formulary's id, copied into every decision's audit
 * @param policy      plan-wide settings
 * @param drugs       the covered drugs
 */
@JsonPropertyOrder({"formularyId", "policy", "drugs"})
public record Formulary(String formularyId, FormularyPolicy policy, List<FormularyDrug> drugs) {

    /**
     * @throws IllegalArgumentException when the id is missing, a drug, RxNorm id or NDC is listed twice, or a
     *                                  step-therapy protocol names a drug the formulary does not list
     */
    public Formulary {
        if (formularyId == null || formularyId.isBlank()) {
            throw new IllegalArgumentException("formularyId is missing");
        }
        policy = policy == null ? FormularyPolicy.DEFAULT : policy;
        drugs = drugs == null ? List.of() : List.copyOf(drugs);
        Set<String> names = new HashSet<>();
        Set<String> rxcuis = new HashSet<>();
        Set<String> ndcs = new HashSet<>();
        for (int i = 0; i < drugs.size(); i++) {
            FormularyDrug d = drugs.get(i);
            for (String ndc : d.ndcs()) {
                if (!ndcs.add(ndc)) {
                    throw new IllegalArgumentException("drugs[" + i + "].ndc: " + ndc + " is listed twice");
                }
            }
            if (!names.add(d.drug())) {
                throw new IllegalArgumentException("drugs[" + i + "]: " + d.drug() + " is listed twice");
            }
            if (d.rxnorm() != null && !rxcuis.add(d.rxnorm())) {
                throw new IllegalArgumentException("drugs[" + i + "]: rxnorm " + d.rxnorm() + " is listed twice");
            }
        }
        for (int i = 0; i < drugs.size(); i++) {
            StepTherapy st = drugs.get(i).stepTherapy();
            if (st == null) {
                continue;
            }
            for (String step : st.anyOf()) {
                if (!names.contains(step)) {
                    throw new IllegalArgumentException("drugs[" + i + "].stepTherapy.anyOf: step drug '" + step
                            + "' is not on the formulary");
                }
                if (step.equals(drugs.get(i).drug())) {
                    throw new IllegalArgumentException("drugs[" + i + "].stepTherapy.anyOf: "
                            + step + " cannot be its own step");
                }
            }
        }
    }

    /** @return the drugs by name, in document order */
    @JsonIgnore
    public Map<String, FormularyDrug> byName() {
        Map<String, FormularyDrug> map = new LinkedHashMap<>();
        drugs.forEach(d -> map.put(d.drug(), d));
        return Collections.unmodifiableMap(map);
    }

    /**
     * @param name a drug name, any case
     * @return the listed drug
     */
    public Optional<FormularyDrug> find(String name) {
        String key = name == null ? null : org.precisionformulary.model.drug.DrugRef.normalise(name);
        return drugs.stream().filter(d -> d.drug().equals(key)).findFirst();
    }

    /**
     * @param rxnorm an RxNorm ingredient id
     * @return the listed drug with that id
     */
    public Optional<FormularyDrug> findByRxnorm(String rxnorm) {
        return drugs.stream().filter(d -> rxnorm != null && rxnorm.equals(d.rxnorm())).findFirst();
    }
}
