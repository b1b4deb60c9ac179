// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A long batch's progress on standard error, at most every {@link #EVERY_NANOS}: lines done, rate, elapsed time
 * and an estimate of the time left from how much of the input has been read. Lines carry counts only, never
 * anything from a request.
 */
final class Progress {

    static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final long inputBytes;
    private final long start;
    private long lastPrinted;
    /** Where this run's own work began: after the lines a resumed run skipped, which take no time to decide. */
    private long baseNanos;
    private long baseLines;
    private long baseBytes;

    /**
     * @param nanoTime   the clock, {@link System#nanoTime} outside tests
     * @param inputBytes the size of the input, for the estimate; 0 when unknown
     */
    Progress(PrintStream err, LongSupplier nanoTime, long inputBytes) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.inputBytes = inputBytes;
        this.start = nanoTime.getAsLong();
        this.lastPrinted = start;
        this.baseNanos = start;
    }

    /** Rates and the estimate count from here: the lines before were already decided by an earlier run. */
    void resumedAt(long lines, long bytesRead) {
        baseNanos = nanoTime.getAsLong();
        baseLines = lines;
        baseBytes = bytesRead;
    }

    /** Prints a progress line when the last one is {@link #EVERY_NANOS} old. @return whether it printed */
    boolean update(long lines, long bytesRead) {
        long now = nanoTime.getAsLong();
        if (now - lastPrinted < EVERY_NANOS) {
            return false;
        }
        lastPrinted = now;
        err.println(line(lines, bytesRead, now));
        return true;
    }

    /** @return e.g. {@code batch: 12,000 lines, 2,400 requests/s, 5.0 s elapsed, 40% read, ETA 7 s} */
    String line(long lines, long bytesRead, long now) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "batch: %,d lines, %,.0f requests/s, %.1f s elapsed",
                lines, rate(lines, now), (now - start) / 1e9));
        if (inputBytes > 0) {
            long read = Math.min(bytesRead, inputBytes);
            sb.append(String.format(Locale.ROOT, ", %d%% read", read * 100 / inputBytes));
            double seconds = (now - baseNanos) / 1e9;
            long done = read - baseBytes;
            if (done > 0 && seconds > 0) {
                sb.append(", ETA ").append(duration((inputBytes - read) * seconds / done));
            } else {
                sb.append(", ETA unknown");
            }
        }
        return sb.toString();
    }

    /** @return requests per second in this run */
    double rate(long lines, long now) {
        double seconds = (now - baseNanos) / 1e9;
        return seconds > 0 ? (lines - baseLines) / seconds : 0;
    }

    /** @return seconds since this run started */
    double elapsedSeconds(long now) {
        return (now - start) / 1e9;
    }

    long now() {
        return nanoTime.getAsLong();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
}
