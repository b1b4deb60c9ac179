// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import java.io.Serializable;

/**
 * How a batch report judges and titles what it counts.
 *
 * @param gapThresholdPoints a gap between monitoring groups larger than this many percentage points is flagged
 * @param minGroupSize       groups with fewer requests are pooled, and a pool below it is suppressed
 * @param title              the report's title
 */
public record ReportSettings(double gapThresholdPoints, int minGroupSize, String title) implements Serializable {

    /**
     * @throws IllegalArgumentException when gapThresholdPoints is not between 0 and 100, minGroupSize is below 1
     *                                  or title is blank
     */
    public ReportSettings {
        if (!(gapThresholdPoints >= 0 && gapThresholdPoints <= 100)) {
            throw new IllegalArgumentException("gapThresholdPoints must be between 0 and 100 percentage points, was "
                    + gapThresholdPoints);
        }
        if (minGroupSize < 1) {
            throw new IllegalArgumentException("minGroupSize must be at least 1, was " + minGroupSize);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
    }

    /** @return a 5.0-point gap threshold, groups of at least 20, and the title "Batch re-adjudication report" */
    public static ReportSettings defaults() {
        return new ReportSettings(5.0, 20, "Batch re-adjudication report");
    }
}
