// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.population.PopulationSelector;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * The populations stage: the drugs a decision may mention (the requested drug, the rest of its class, its
 * step drugs), each with its candidate CPIC populations, worked out once per request for every session it
 * runs; and what the populations need that the request lacks.
 */
final class PopulationStage {

    private final PopulationSelector selector;
    private final FormularyIndex formulary;

    /**
     * @param cpic      the CPIC tables
     * @param plan      the pack's plan tables (its own population selectors, if any)
     * @param formulary the plan's formulary
     */
    PopulationStage(CpicData cpic, PlanTables plan, FormularyIndex formulary) {
        this.selector = plan.populationsTsv() == null ? new PopulationSelector(cpic)
                : new PopulationSelector(cpic, plan.populationsTsv(), PopulationSelector.TABLE);
        this.formulary = formulary;
    }

    /** @return reviewed drug to its candidate populations, the requested drug first */
    Map<String, List<String>> reviewed(CoverageRequest request, String drug, Optional<FormularyDrug> listed,
                                       LocalDate serviceDate) {
        Set<String> drugs = new LinkedHashSet<>();
        drugs.add(drug);
        listed.ifPresent(d -> {
            drugs.addAll(formulary.drugsOfClass(d.drugClass()));
            if (d.stepTherapy() != null) {
                drugs.addAll(d.stepTherapy().anyOf());
            }
        });
        Map<String, List<String>> reviewed = new LinkedHashMap<>();
        for (String r : drugs) {
            reviewed.put(r, selector.candidates(r, request.indication(), request.member().birthDate(),
                    request.diagnoses(), request.history(), serviceDate));
        }
        return reviewed;
    }

    /** @return messages on what the requested drug's populations need that the request does not carry */
    List<String> notes(CoverageRequest request, String drug, LocalDate serviceDate) {
        return selector.notes(drug, request.member().birthDate(), serviceDate);
    }
}
