// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

/**
 * What one of the engine's bounded caches has done since it was made: how often a look-up found its key, how
 * often it did not (and the value was worked out afresh), how many entries were evicted to stay within the
 * bound, and how full it is now.
 *
 * @param hits        look-ups that found their key
 * @param misses      look-ups that did not
 * @param evictions   entries dropped to stay within {@code maximumSize}
 * @param size        entries held now (approximate while other threads write)
 * @param maximumSize the most entries it holds
 */
public record CacheStats(long hits, long misses, long evictions, long size, long maximumSize) {

    /** @throws IllegalArgumentException when a count is negative */
    public CacheStats {
        if (hits < 0 || misses < 0 || evictions < 0 || size < 0 || maximumSize < 0) {
            throw new IllegalArgumentException("cache counts cannot be negative: " + hits + " hits, " + misses
                    + " misses, " + evictions + " evictions, " + size + " of " + maximumSize + " entries");
        }
    }

    /** @return hits plus misses */
    public long requests() {
        return hits + misses;
    }

    /** @return the share of look-ups that hit, from 0 to 1; 1 before the first look-up, as nothing has missed */
    public double hitRate() {
        return requests() == 0 ? 1.0 : (double) hits / requests();
    }
}
