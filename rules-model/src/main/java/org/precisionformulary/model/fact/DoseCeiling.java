// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;

/**
 * A daily-dose ceiling CPIC states for a finding ("limit dose to &lt;20mg/day"), from the content's
 * {@code dose-ceilings.tsv}. Inserted by the engine beside a finding whose recommendation states one, when the
 * claim gives a daily dose.
 *
 * @param finding    the finding whose recommendation states it
 * @param maxDailyMg the ceiling in mg a day
 * @param inclusive  whether the ceiling itself is allowed ("≤") or not ("&lt;")
 * @param quote      CPIC's words
 */
public record DoseCeiling(GenomicFinding finding, double maxDailyMg, boolean inclusive, String quote) {
    /** @throws NullPointerException when the finding or quote is missing */
    public DoseCeiling {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(quote, "quote");
    }

    /**
     * @param mgPerDay a daily dose
     * @return whether it is above the ceiling
     */
    public boolean exceededBy(double mgPerDay) {
        return exceeds(mgPerDay, maxDailyMg, inclusive);
    }

    /**
     * The one comparison of a dose with a ceiling, for the table that states ceilings and the fact rules read.
     *
     * @param mgPerDay   a daily dose
     * @param maxDailyMg the ceiling
     * @param inclusive  whether the ceiling itself is allowed ("≤") or not ("&lt;")
     * @return whether the dose is above the ceiling
     */
    public static boolean exceeds(double mgPerDay, double maxDailyMg, boolean inclusive) {
        return inclusive ? mgPerDay > maxDailyMg : mgPerDay >= maxDailyMg;
    }
}
