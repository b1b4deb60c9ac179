// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.model.drug.DrugRef;
import org.precisionformulary.model.fact.ReviewedDrug;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.formulary.FormularyDrug;

/**
 * The plan's formulary, looked up by hash: a formulary may list thousands of drugs and a request looks up
 * dozens (the requested drug, its class, its step drugs).
 */
final class FormularyIndex {

    private final Formulary formulary;
    private final CpicData cpic;
    private final Map<String, List<String>> drugsByClass = new HashMap<>();
    private final Map<String, Listing> byName = new HashMap<>();
    private final Map<String, FormularyDrug> byRxnorm = new HashMap<>();
    private final Map<String, FormularyDrug> byNdc = new HashMap<>();

    FormularyIndex(Formulary formulary, CpicData cpic) {
        this.formulary = formulary;
        this.cpic = cpic;
        for (FormularyDrug d : formulary.drugs()) {
            drugsByClass.computeIfAbsent(d.drugClass(), c -> new ArrayList<>()).add(d.drug());
            byName.putIfAbsent(d.drug(), new Listing(d, new ReviewedDrug(d.drug())));
            if (d.rxnorm() != null) {
                byRxnorm.putIfAbsent(d.rxnorm(), d);
            }
            d.ndcs().forEach(ndc -> byNdc.put(ndc, d));
        }
    }

    /** @return the formulary */
    Formulary formulary() {
        return formulary;
    }

    /** {@link Formulary#find}, by hash. */
    Optional<FormularyDrug> find(String name) {
        return Optional.ofNullable(listing(DrugRef.normalise(name))).map(Listing::entry);
    }

    /**
     * @param drug a drug's name
     * @return its listing, or {@code null} when the formulary lists no drug of exactly that name (unlike
     *         {@link #find}, the name is not normalised first)
     */
    Listing listing(String drug) {
        return byName.get(drug);
    }

    /**
     * A listed drug with the fact a routing session that reviews it is given, made once per formulary rather
     * than once per request: a request reviews a dozen drugs (the requested one and its class).
     *
     * @param entry    the formulary's entry
     * @param reviewed the drug as a reviewed drug
     */
    record Listing(FormularyDrug entry, ReviewedDrug reviewed) {
    }

    /** @return the formulary's drugs of a class, in formulary order */
    List<String> drugsOfClass(String drugClass) {
        return drugsByClass.getOrDefault(drugClass, List.of());
    }

    /**
     * @param ref the requested drug, by name, RxNorm id or NDC
     * @return its name: as given, else the formulary's or CPIC's name for the RxNorm id, else the formulary's
     *         drug for the NDC; else {@code rxnorm:ID} or {@code NDC 11 digits}, a drug the plan does not know,
     *         which the routing finds not covered (70)
     */
    String resolve(DrugRef ref) {
        if (ref.name() != null) {
            return ref.name();
        }
        if (ref.rxnorm() != null) {
            return Optional.ofNullable(byRxnorm.get(ref.rxnorm())).map(FormularyDrug::drug)
                    .or(() -> cpic.drugByRxnorm(ref.rxnorm()))
                    .orElse("rxnorm:" + ref.rxnorm());
        }
        return Optional.ofNullable(byNdc.get(ref.ndc())).map(FormularyDrug::drug).orElse("NDC " + ref.ndc());
    }
}
