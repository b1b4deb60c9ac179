// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.population;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.precisionformulary.content.ContentException;
import org.precisionformulary.content.Tsv;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.model.request.Fill;

/**
 * Chooses the CPIC populations a drug may be prescribed in for one request (contract §1): the request's
 * indication when it names one of the drug's populations, else those its age, diagnoses and fill history
 * select ({@code populations.tsv}, which a plan's pack may override row by row), else all of them.
 *
 * <p>The selectors are plan policy, not CPIC content. Prior use in particular is a judgement: CPIC's
 * "previously used continuously for longer than three months" becomes a run of fills with gaps no longer
 * than {@code max_gap_days}, covering at least {@code min_days}, within the last {@code lookback_days}; the
 * defaults are conservative (a short gap, a two-year look-back), so an old or broken course does not turn a
 * hard stop into a caution.
 */
public final class PopulationSelector {

    /** The population of every drug whose recommendations are not split by population. */
    public static final String GENERAL = "general";

    /** Where the built-in selectors are, and the name a plan's pack gives its own. */
    public static final String TABLE = "populations.tsv";

    private static final String RESOURCE = "/org/precisionformulary/content/" + TABLE;

    /** The selector kinds, each with the value keys it takes. */
    private static final Map<String, List<String>> KINDS = Map.of(
            "min_age", List.of(), "max_age", List.of(), "icd10", List.of(),
            "continuous_use", List.of("drugs", "min_days", "max_gap_days", "lookback_days"),
            "otherwise_with_history", List.of(),
            "note_below_age", List.of());

    private record Selector(String drug, String population, String kind, List<String> values,
                            Map<String, String> settings, String why, String origin) {

        int number(String key) {
            return Integer.parseInt(settings.get(key));
        }

        List<String> drugs() {
            return Arrays.stream(settings.get("drugs").split(",")).map(String::trim).toList();
        }
    }

    private final CpicData data;
    /** Each drug's rows, in table order: a request looks up a dozen drugs, and the table has rows for few. */
    private final Map<String, List<Selector>> selectorsByDrug;

    /**
     * The built-in selectors.
     *
     * @param data the CPIC tables
     * @throws ContentException when {@code populations.tsv} is missing or invalid
     */
    public PopulationSelector(CpicData data) {
        this(data, null, null);
    }

    /**
     * The built-in selectors with a plan's rows in place of the built-in rows for the same drug and population
     * (and added where the built-in table has none).
     *
     * @param data      the CPIC tables
     * @param planTable the plan's {@code populations.tsv}, or {@code null} for none
     * @param origin    where the plan's table comes from, for messages
     * @throws ContentException naming the file and line of an invalid row: a population CPIC does not have, an
     *                          unknown selector, or a missing or non-numeric setting
     */
    public PopulationSelector(CpicData data, String planTable, String origin) {
        this.data = data;
        Map<String, Selector> byKey = new LinkedHashMap<>();
        for (Tsv.Row row : Tsv.read(RESOURCE)) {
            Selector s = selector(data, row);
            byKey.put(s.drug() + "\t" + s.population() + "\t" + s.kind(), s);
        }
        if (planTable != null) {
            Map<String, Selector> plan = new LinkedHashMap<>();
            for (Tsv.Row row : Tsv.parse(origin, planTable)) {
                Selector s = selector(data, row);
                plan.put(s.drug() + "\t" + s.population() + "\t" + s.kind(), s);
            }
            // A plan's row for a drug and population replaces every built-in row for them.
            Set<String> replaced = new LinkedHashSet<>();
            plan.values().forEach(s -> replaced.add(s.drug() + "\t" + s.population()));
            byKey.values().removeIf(s -> replaced.contains(s.drug() + "\t" + s.population()));
            byKey.putAll(plan);
        }
        Map<String, List<Selector>> byDrug = new HashMap<>();
        for (Selector s : byKey.values()) {
            byDrug.computeIfAbsent(s.drug(), d -> new ArrayList<>()).add(s);
        }
        byDrug.replaceAll((d, rows) -> List.copyOf(rows));
        this.selectorsByDrug = Map.copyOf(byDrug);
    }

    private static Selector selector(CpicData data, Tsv.Row row) {
        String where = row.table() + ":" + row.line();
        String drug = row.get("drug").trim();
        String population = row.get("population").trim();
        String kind = row.get("selector").trim();
        String raw = row.get("values").trim();
        if (!data.populations(drug).contains(population)) {
            throw new ContentException(where + ": CPIC has no population '" + population + "' for " + drug);
        }
        List<String> keys = KINDS.get(kind);
        if (keys == null) {
            throw new ContentException(where + ": unknown selector '" + kind + "' (one of " + KINDS.keySet() + ")");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> values = List.of();
        if (!keys.isEmpty()) {
            for (String pair : raw.split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq < 1 || !keys.contains(pair.substring(0, eq))) {
                    throw new ContentException(where + ": '" + pair + "' is not one of " + keys + " as key=value");
                }
                settings.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            for (String key : keys) {
                String v = settings.get(key);
                if (v == null || v.isEmpty()) {
                    throw new ContentException(where + ": " + kind + " needs " + key);
                }
                if (!key.equals("drugs") && !v.matches("\\d{1,5}")) {
                    throw new ContentException(where + ": " + key + " must be a whole number of days, not '" + v + "'");
                }
            }
        } else if (!kind.equals("otherwise_with_history")) {
            values = Arrays.stream(raw.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty() || !kind.equals("icd10") && !values.get(0).matches("\\d{1,3}")) {
                throw new ContentException(where + ": " + kind + " needs " + (kind.equals("icd10") ? "ICD-10 codes" : "an age"));
            }
        }
        return new Selector(drug, population, kind, values, settings, row.get("why").trim(), where);
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
        List<Selector> fallbacks = new ArrayList<>();
        for (Selector s : selectorsByDrug.getOrDefault(drug, List.of())) {
            if (s.kind().equals("otherwise_with_history")) {
                fallbacks.add(s);
            } else if (matches(s, birthDate, diagnoses, history, serviceDate)) {
                selected.add(s.population());
            }
        }
        // Only a history that was sent can show that no other selector applies; no history proves nothing.
        if (selected.isEmpty() && !history.isEmpty()) {
            fallbacks.forEach(s -> selected.add(s.population()));
        }
        List<String> ordered = all.stream().filter(selected::contains).toList();
        return ordered.isEmpty() ? List.copyOf(all) : ordered;
    }

    /**
     * What the table says a request lacks for a drug's population: a {@code note_below_age} row gives its
     * {@code why} as a message when the member is younger than its age or of unknown age (efavirenz: CPIC's
     * population covers adults and children over 40 kg, and a request carries no weight).
     *
     * @param drug        a lower-case drug name
     * @param birthDate   the member's birth date, or {@code null}
     * @param serviceDate the date of service
     * @return the messages, empty when the request carries what the populations need
     */
    public List<String> notes(String drug, LocalDate birthDate, LocalDate serviceDate) {
        List<String> notes = new ArrayList<>();
        for (Selector s : selectorsByDrug.getOrDefault(drug, List.of())) {
            if (s.kind().equals("note_below_age")) {
                Integer age = birthDate == null || serviceDate == null ? null
                        : Period.between(birthDate, serviceDate).getYears();
                if (age == null || age < Integer.parseInt(s.values().get(0))) {
                    notes.add(drug + " (CPIC population '" + s.population() + "'): " + s.why() + " (the member's age is "
                            + (age == null ? "not known" : age) + ")");
                }
            }
        }
        return notes;
    }

    private static boolean matches(Selector s, LocalDate birthDate, List<String> diagnoses, List<Fill> history,
                                   LocalDate serviceDate) {
        switch (s.kind()) {
            case "continuous_use":
                return longestContinuousUse(history, s.drugs(), s.number("max_gap_days"),
                        serviceDate.minusDays(s.number("lookback_days")), serviceDate) >= s.number("min_days");
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

    /**
     * The longest run of supply of these drugs, in days up to the service date: fills filled from {@code since}
     * to the service date, sorted by date, where each fill starts no later than {@code maxGapDays} after the
     * supply before it ran out. Days supplied beyond the service date are not use yet.
     */
    static long longestContinuousUse(List<Fill> history, List<String> drugs, int maxGapDays, LocalDate since,
                                     LocalDate serviceDate) {
        List<Fill> fills = history.stream()
                .filter(f -> drugs.contains(f.drug()) && !f.filledOn().isBefore(since) && !f.filledOn().isAfter(serviceDate))
                .sorted(Comparator.comparing(Fill::filledOn)).toList();
        long longest = 0;
        LocalDate start = null;
        LocalDate end = null;
        for (Fill f : fills) {
            if (start == null || f.filledOn().isAfter(end.plusDays(maxGapDays))) {
                start = f.filledOn();
                end = f.filledOn();
            }
            LocalDate suppliedTo = f.filledOn().plusDays(f.daysSupply());
            end = suppliedTo.isAfter(end) ? suppliedTo : end;
            LocalDate counted = end.isAfter(serviceDate) ? serviceDate : end;
            longest = Math.max(longest, ChronoUnit.DAYS.between(start, counted));
        }
        return longest;
    }
}
