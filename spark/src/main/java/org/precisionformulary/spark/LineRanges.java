// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spark;

import java.util.Arrays;
import org.apache.spark.Partitioner;

/**
 * Sends a line number to the input partition that holds the line: partition {@code p} holds the lines from
 * {@code firstLines[p]} to just before {@code firstLines[p + 1]}. What is partitioned so lines up, partition for
 * partition, with the input itself, which therefore never moves.
 */
final class LineRanges extends Partitioner {

    private static final long serialVersionUID = 1L;

    private final long[] firstLines;

    /** @param firstLines each partition's first line, ascending (an empty partition has its successor's) */
    LineRanges(long[] firstLines) {
        this.firstLines = firstLines.clone();
    }

    @Override
    public int numPartitions() {
        return firstLines.length;
    }

    /** @return the last partition starting at or before the line: the one holding it, past any empty ones */
    @Override
    public int getPartition(Object key) {
        long line = (Long) key;
        int low = 0;
        int high = firstLines.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (firstLines[mid] <= line) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LineRanges ranges && Arrays.equals(firstLines, ranges.firstLines);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(firstLines);
    }
}
