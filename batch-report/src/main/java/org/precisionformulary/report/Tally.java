// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts under labels, for at most {@code limit} distinct labels; later labels are counted as untracked, so
 * memory stays bounded whatever the input holds. Each label remembers when it was first seen (an order given by
 * the caller), so that two tallies of different parts of a run merge into the tally of the whole: the labels kept
 * are those seen first, wherever they were counted. A label may also keep the first few names seen with it.
 */
final class Tally implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int limit;
    private final int width;
    private final int names;
    private final Map<String, Label> counts = new HashMap<>();
    private final long[] untracked;

    /** @param width how many counters each label has */
    Tally(int limit, int width) {
        this(limit, width, 0);
    }

    /** @param names how many names each label keeps, the first seen with it */
    Tally(int limit, int width, int names) {
        this.limit = limit;
        this.width = width;
        this.names = names;
        this.untracked = new long[width];
    }

    /**
     * @param order when the label is seen: smaller is earlier in the run
     * @return the label's counters to add to, or the untracked counters when the limit is reached
     */
    long[] counters(String label, long order) {
        Label c = counts.get(label);
        if (c == null) {
            if (counts.size() >= limit) {
                return untracked;
            }
            c = new Label(order, new long[width]);
            counts.put(label, c);
        }
        return c.counts;
    }

    /** Adds one to counter {@code index} of the label. */
    void add(String label, int index, long order) {
        counters(label, order)[index]++;
    }

    /** Notes a name seen with a label already counted; the label keeps the first {@code names} distinct names. */
    void name(String label, String name, long order) {
        Label c = counts.get(label);
        if (c != null && c.names.size() < names) {
            c.names.putIfAbsent(name, order);
        }
    }

    /** @return occurrences of labels beyond the limit, counted on counter 0 */
    long untracked() {
        return untracked[0];
    }

    /** @return counter {@code index} summed over the labels beyond the limit */
    long untracked(int index) {
        return untracked[index];
    }

    /** @return the counters of the labels beyond the limit, summed */
    long[] untrackedCounts() {
        return untracked;
    }

    /** @return how many labels are counted by name */
    int size() {
        return counts.size();
    }

    /** @return the label's counters, or {@code null} when it is not counted by name */
    long[] get(String label) {
        Label c = counts.get(label);
        return c == null ? null : c.counts;
    }

    /** @return the names kept for a label, sorted */
    List<String> names(String label) {
        return List.copyOf(new TreeSet<>(counts.get(label).names.keySet()));
    }

    /** @return labels with their counters, sorted by label */
    Map<String, long[]> byLabel() {
        Map<String, long[]> sorted = new TreeMap<>();
        counts.forEach((label, c) -> sorted.put(label, c.counts));
        return sorted;
    }

    /** @return labels with their counters, by counter {@code index} descending, then label */
    List<Map.Entry<String, long[]>> ranked(int index) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(byLabel().entrySet());
        entries.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[index])
                .thenComparing(Map.Entry::getKey));
        return entries;
    }

    /**
     * Adds another part's counts to these. The labels counted by name stay the {@code limit} seen first over both
     * parts; the others' counters move to the untracked ones, as if they had been counted after the limit.
     */
    void merge(Tally other) {
        other.counts.forEach((label, theirs) -> {
            Label mine = counts.get(label);
            if (mine == null) {
                mine = new Label(theirs.first, new long[width]);
                counts.put(label, mine);
            }
            mine.absorb(theirs, names);
        });
        for (int i = 0; i < width; i++) {
            untracked[i] += other.untracked[i];
        }
        if (counts.size() > limit) {
            List<Map.Entry<String, Label>> byFirst = new ArrayList<>(counts.entrySet());
            byFirst.sort(Map.Entry.comparingByValue(Comparator.comparingLong(c -> c.first)));
            for (Map.Entry<String, Label> late : byFirst.subList(limit, byFirst.size())) {
                long[] c = late.getValue().counts;
                for (int i = 0; i < width; i++) {
                    untracked[i] += c[i];
                }
                counts.remove(late.getKey());
            }
        }
    }

    /** One label's counters, when it was first seen, and the names first seen with it (name to order). */
    private static final class Label implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        long first;
        final long[] counts;
        final Map<String, Long> names = new LinkedHashMap<>();

        Label(long first, long[] counts) {
            this.first = first;
            this.counts = counts;
        }

        void absorb(Label other, int keep) {
            first = Math.min(first, other.first);
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            other.names.forEach((name, order) -> names.merge(name, order, Math::min));
            if (names.size() > keep) {
                List<Map.Entry<String, Long>> byOrder = new ArrayList<>(names.entrySet());
                byOrder.sort(Map.Entry.comparingByValue());
                byOrder.subList(keep, byOrder.size()).forEach(late -> names.remove(late.getKey()));
            }
        }
    }
}
