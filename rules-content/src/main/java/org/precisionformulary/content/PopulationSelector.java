// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.precisionformulary.model.request.Fill;

/**
 * Chooses the CPIC populations a drug may be prescribed in for one request (contract §1): the request's
 * indication when it names one of the drug's populations, else those its age and diagnoses select
 * ({@code populations.tsv}), else all of them.
 */
public final class PopulationSelector {

    /** The population of every drug whose recommendations are not split by population. */
    public static final String GENERAL = "general";

    private record Selector(String drug, String population, String kind, List<String> values) {
    }

    private final CpicData data;
    private final List<Selector> selectors = new ArrayList<>();

    /**
     * @param data the CPIC tables
     * @throws ContentException when {@code populations.tsv} is missing or names a population CPIC does not have
     */
    public PopulationSelector(CpicData data) {
        this.data = data;
        for (Tsv.Row row : Tsv.read("/org/precisionformulary/content/populations.tsv")) {
            Selector s = new Selector(row.get("drug"), row.get("population"), row.get("selector"),
                    Arrays.stream(row.get("values").split("[,:]")).map(String::trim).toList());
            if (!data.populations(s.drug()).contains(s.population())) {
                throw new ContentException(row.table() + ":" + row.line() + ": CPIC has no population '"
                        + s.population() + "' for " + s.drug());
            }
            if (!List.of("min_age", "max_age", "icd10", "prior_use_min_days", "no_prior_use").contains(s.kind())) {
                throw new ContentException(row.table() + ":" + row.line() + ": unknown selector " + s.kind());
            }
            selectors.add(s);
        }
    }

    /**
     * @param drug        a lower-case drug name
     * @param indication  the request's indication, or {@code null}
     * @param birthDate   the member's birth date, or {@code null}
     * @param diagnoses   ICD-10 codes
     * @param history     the member's fills
     * @param serviceDate the date of service
     * @return the candidate populations, in CPIC table order; {@code general} for drugs CPIC does not split
     */
    public List<String> candidates(String drug, String indication, LocalDate birthDate, List<String> diagnoses,
                                   List<Fill> history, LocalDate serviceDate) {
        Set<String> all = data.populations(drug);
        if (all.isEmpty()) {
            return List.of(GENERAL);
        }
        if (all.size() == 1) {
            return List.copyOf(all);
        }
        if (indication != null) {
            for (String p : all) {
                if (p.equalsIgnoreCase(indication.trim())) {
                    return List.of(p);
                }
            }
        }
        if (all.contains(GENERAL)) {
            return List.of(GENERAL);
        }
        Set<String> selected = new LinkedHashSet<>();
        for (Selector s : selectors) {
            if (s.drug().equals(drug) && matches(s, birthDate, diagnoses, history, serviceDate)) {
                selected.add(s.population());
            }
        }
        List<String> ordered = all.stream().filter(selected::contains).toList();
        return ordered.isEmpty() ? List.copyOf(all) : ordered;
    }

    private static boolean matches(Selector s, LocalDate birthDate, List<String> diagnoses, List<Fill> history,
                                   LocalDate serviceDate) {
        switch (s.kind()) {
            case "prior_use_min_days":
                List<String> used = s.values().subList(1, s.values().size());
                int days = history.stream().filter(f -> used.contains(f.drug()) && !f.filledOn().isAfter(serviceDate))
                        .mapToInt(Fill::daysSupply).sum();
                return days >= Integer.parseInt(s.values().get(0));
            case "no_prior_use":
                // Only a history that was sent can show the member is naive; no history proves nothing.
                return !history.isEmpty() && history.stream().noneMatch(f -> s.values().contains(f.drug()));
            case "min_age":
            case "max_age":
                if (birthDate == null || serviceDate == null) {
                    return false;
                }
                int age = Period.between(birthDate, serviceDate).getYears();
                int bound = Integer.parseInt(s.values().get(0));
                return s.kind().equals("min_age") ? age >= bound : age <= bound;
            case "icd10":
                for (String dx : diagnoses) {
                    String code = dx.trim().toUpperCase(Locale.ROOT);
                    for (String prefix : s.values()) {
                        if (code.startsWith(prefix)) {
                            return true;
                        }
                    }
                }
                return false;
            default:
                return false;
        }
    }
}
