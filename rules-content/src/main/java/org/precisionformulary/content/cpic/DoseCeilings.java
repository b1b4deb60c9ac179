// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.cpic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.precisionformulary.content.ContentException;
import org.precisionformulary.content.Tsv;

/**
 * The daily-dose ceilings CPIC states for a genotype ({@code dose-ceilings.tsv}): the recommendations whose
 * text limits the daily dose, e.g. simvastatin with SLCO1B1 decreased function, "limit dose to &lt;20mg/day".
 * Data a P&amp;T committee can read and correct, with CPIC's own words beside each figure.
 */
public final class DoseCeilings {

    /** Where the table sits on the class path. */
    public static final String RESOURCE = "/org/precisionformulary/content/cpic/dose-ceilings.tsv";

    /**
     * One ceiling.
     *
     * @param recommendationId the CPIC recommendation that states it
     * @param drug             the drug
     * @param maxDailyMg       the ceiling in mg a day
     * @param inclusive        whether the ceiling itself is allowed (CPIC's "≤") or not ("&lt;")
     * @param quote            CPIC's words
     */
    public record Ceiling(String recommendationId, String drug, double maxDailyMg, boolean inclusive, String quote) {

        /**
         * @param mgPerDay a daily dose
         * @return whether it is above the ceiling
         */
        public boolean exceededBy(double mgPerDay) {
            return org.precisionformulary.model.fact.DoseCeiling.exceeds(mgPerDay, maxDailyMg, inclusive);
        }
    }

    private static volatile DoseCeilings builtIn;

    private final Map<String, Ceiling> byRecommendation;

    private DoseCeilings(Map<String, Ceiling> byRecommendation) {
        this.byRecommendation = Collections.unmodifiableMap(byRecommendation);
    }

    /**
     * @return the table shipped in this jar, read once
     * @throws ContentException when it is missing or a row is malformed
     */
    public static DoseCeilings builtIn() {
        DoseCeilings table = builtIn;
        if (table == null) {
            Map<String, Ceiling> rows = new LinkedHashMap<>();
            for (Tsv.Row row : Tsv.read(RESOURCE)) {
                String inclusive = row.get("inclusive");
                if (!inclusive.equals("true") && !inclusive.equals("false")) {
                    throw new ContentException(row.table() + ":" + row.line() + ": inclusive is true or false, not '"
                            + inclusive + "'");
                }
                double max;
                try {
                    max = Double.parseDouble(row.get("max_daily_mg"));
                } catch (NumberFormatException e) {
                    throw new ContentException(row.table() + ":" + row.line() + ": max_daily_mg is not a number");
                }
                rows.put(row.get("recommendation_id"), new Ceiling(row.get("recommendation_id"), row.get("drug"), max,
                        Boolean.parseBoolean(inclusive), row.get("quote")));
            }
            table = new DoseCeilings(rows);
            builtIn = table;
        }
        return table;
    }

    /**
     * @param recommendationId a CPIC recommendation id
     * @return the ceiling it states, or empty
     */
    public Optional<Ceiling> of(String recommendationId) {
        return Optional.ofNullable(byRecommendation.get(recommendationId));
    }

    /** @return every ceiling, by recommendation id, in table order */
    public Map<String, Ceiling> all() {
        return byRecommendation;
    }
}
