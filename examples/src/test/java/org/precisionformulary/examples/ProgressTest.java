// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(7 * SECOND);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void printsLinesRateElapsedAndAnEstimateFromTheBytesReadEveryFiveSeconds() {
        Progress progress = new Progress(err, clock::get, 10_000_000);

        clock.addAndGet(4 * SECOND);
        assertThat(progress.update(4_000, 1_000_000)).isFalse();
        clock.addAndGet(SECOND);
        assertThat(progress.update(12_000, 2_500_000)).isTrue();
        clock.addAndGet(SECOND);
        assertThat(progress.update(13_000, 2_600_000)).isFalse();
        clock.addAndGet(4 * SECOND);
        assertThat(progress.update(24_000, 5_000_000)).isTrue();

        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "batch: 12,000 lines, 2,400 requests/s, 5.0 s elapsed, 25% read, ETA 15 s",
                "batch: 24,000 lines, 2,400 requests/s, 10.0 s elapsed, 50% read, ETA 10 s");
    }

    @Test
    void aResumedRunRatesOnlyTheLinesItDecides() {
        Progress progress = new Progress(err, clock::get, 1_000_000);
        clock.addAndGet(SECOND);
        progress.resumedAt(500_000, 500_000);

        clock.addAndGet(100 * SECOND);

        assertThat(progress.line(600_000, 600_000, clock.get()))
                .isEqualTo("batch: 600,000 lines, 1,000 requests/s, 101.0 s elapsed, 60% read, ETA 6 min 40 s");
    }

    @Test
    void withoutAnInputSizeOrBeforeAnythingIsReadThereIsNoEstimate() {
        assertThat(new Progress(err, clock::get, 0).line(10, 100, clock.get() + SECOND))
                .isEqualTo("batch: 10 lines, 10 requests/s, 1.0 s elapsed");
        assertThat(new Progress(err, clock::get, 1_000).line(0, 0, clock.get() + SECOND))
                .isEqualTo("batch: 0 lines, 0 requests/s, 1.0 s elapsed, 0% read, ETA unknown");
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertThat(Progress.duration(59.4)).isEqualTo("59 s");
        assertThat(Progress.duration(61)).isEqualTo("1 min 01 s");
        assertThat(Progress.duration(7_322)).isEqualTo("2 h 02 min");
    }
}
