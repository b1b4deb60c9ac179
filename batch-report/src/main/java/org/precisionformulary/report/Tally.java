// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts under labels, for at most {@code limit} distinct labels; later labels are counted as untracked, so
 * memory stays bounded whatever the input holds.
 */
final class Tally {

    private final int limit;
    private final int width;
    private final Map<String, long[]> counts = new HashMap<>();
    private long untracked;

    /** @param width how many counters each label has */
    Tally(int limit, int width) {
        this.limit = limit;
        this.width = width;
    }

    /** Adds one to counter {@code index} of the label. */
    void add(String label, int index) {
        long[] c = counts.get(label);
        if (c == null) {
            if (counts.size() >= limit) {
                // counter 0 is added for every occurrence, so counting it alone counts each occurrence once
                if (index == 0) {
                    untracked++;
                }
                return;
            }
            c = new long[width];
            counts.put(label, c);
        }
        c[index]++;
    }

    /** @return occurrences of labels beyond the limit, counted on counter 0 */
    long untracked() {
        return untracked;
    }

    /** @return labels with their counters, by counter {@code index} descending, then label */
    List<Map.Entry<String, long[]>> ranked(int index) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[index])
                .thenComparing(Map.Entry::getKey));
        return entries;
    }
}
