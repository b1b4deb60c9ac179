// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import org.precisionformulary.engine.BatchLines;

/**
 * The request ids a batch has seen, to catch a request sent twice. Ids are kept as 64-bit fingerprints in an
 * open-addressing table of {@code long} fingerprint to {@code int} line, never as strings: 12-byte slots, at most
 * three quarters full and at least three eighths once grown, so at most {@value #BYTES_PER_ID} bytes per distinct
 * id beyond the pages' first slots (192 KiB in all), and the default cap of {@value #DEFAULT_CAPACITY} ids in at
 * most 256 MiB. Past the cap, checking stops: ids already seen are forgotten for good, and the batch says so once.
 *
 * <p>The table is {@value #PAGES} pages, picked by a fingerprint's top bits, each growing on its own. One table
 * doubling in one step allocated tens of megabytes at once in arrays the collector places apart ("humongous" in
 * G1); a single such burst half-way through a million-request batch made G1 under {@code -Xmx512m} mark its old
 * generation back to back for the rest of the run. Pages stay a few hundred kilobytes at the cap and grow at
 * different moments.
 *
 * <p>Two different ids share a fingerprint with a probability of about n²/2⁶⁵ for n ids (below one in
 * 100,000 for a million ids); the second would then be reported as a duplicate of the first.
 */
final class RequestIds {

    /** The most distinct ids checked by default. */
    static final int DEFAULT_CAPACITY = 1 << 23;
    /** Memory per distinct id, at the worst load. */
    static final int BYTES_PER_ID = 32;

    private static final int PAGE_BITS = 10;
    static final int PAGES = 1 << PAGE_BITS;
    private static final int FIRST_SLOTS = 16;

    private final int capacity;
    private long[][] fingerprints = new long[PAGES][];
    private int[][] lines = new int[PAGES][];
    private final int[] pageSizes = new int[PAGES];
    private int size;
    private boolean full;

    /** @param capacity the most distinct ids to check; past it, checking stops */
    RequestIds(int capacity) {
        if (capacity < 1 || capacity > DEFAULT_CAPACITY) {
            throw new IllegalArgumentException("capacity must be from 1 to " + DEFAULT_CAPACITY + ", was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * The id the engine would echo for this line: the top-level {@code requestId} string when the line is a JSON
     * object, read with a streaming parser so that nothing but the id is kept.
     *
     * @return the id, or {@code null} when the line is not a JSON object, is too long for the engine or has no
     *         non-blank string id (the engine then decides it without an id, so it cannot be a duplicate)
     */
    static String requestIdOf(String line) {
        return BatchLines.requestIdOf(line);
    }

    /**
     * Registers the id of an input line, or finds it registered.
     *
     * @param id   a request id
     * @param line the 1-based input line it is on
     * @return the line the id was first seen on, or 0 when it is new here or checking has stopped
     */
    int firstLineOf(String id, long line) {
        if (full) {
            return 0;
        }
        if (line > Integer.MAX_VALUE) {
            full = true;
            return 0;
        }
        long fingerprint = fingerprint(id);
        int page = (int) (fingerprint >>> (Long.SIZE - PAGE_BITS));
        if (fingerprints[page] == null) {
            fingerprints[page] = new long[FIRST_SLOTS];
            lines[page] = new int[FIRST_SLOTS];
        }
        long[] held = fingerprints[page];
        int mask = held.length - 1;
        for (int slot = (int) fingerprint & mask; ; slot = (slot + 1) & mask) {
            if (held[slot] == fingerprint) {
                return lines[page][slot];
            }
            if (held[slot] == 0) {
                if (size == capacity) {
                    full = true;
                    fingerprints = new long[0][];
                    lines = new int[0][];
                    return 0;
                }
                held[slot] = fingerprint;
                lines[page][slot] = (int) line;
                size++;
                if (++pageSizes[page] * 4L > held.length * 3L) {
                    grow(page);
                }
                return 0;
            }
        }
    }

    /** @return whether checking stopped at the cap */
    boolean full() {
        return full;
    }

    /** @return how many distinct ids are held */
    int size() {
        return size;
    }

    private void grow(int page) {
        long[] oldFingerprints = fingerprints[page];
        int[] oldLines = lines[page];
        long[] grown = new long[oldFingerprints.length * 2];
        int[] grownLines = new int[oldLines.length * 2];
        int mask = grown.length - 1;
        for (int i = 0; i < oldFingerprints.length; i++) {
            long fingerprint = oldFingerprints[i];
            if (fingerprint != 0) {
                int slot = (int) fingerprint & mask;
                while (grown[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                grown[slot] = fingerprint;
                grownLines[slot] = oldLines[i];
            }
        }
        fingerprints[page] = grown;
        lines[page] = grownLines;
    }

    /** FNV-1a over the UTF-16 units, then a 64-bit finaliser so that the low bits, which pick slots, mix well. */
    static long fingerprint(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        // 0 marks an empty slot.
        return h == 0 ? 1 : h;
    }
}
