// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.precisionformulary.model.decision.CoverageDecision;

/**
 * Single-request latency on the standard mix, one thread: JMH samples every call, so the result carries
 * p50, p99 and p99.9. The engine and the hand-written baseline decide the same requests.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 3, jvmArgsAppend = {"-Xmx2g"})
public class EvaluateLatency {

    /** @return the engine's decision on the next request of the mix */
    @Benchmark
    public CoverageDecision engine(MixState mix, MixState.Cursor cursor) {
        return mix.engine.evaluate(cursor.next(mix.requests));
    }

    /** @return the baseline's decision on the next request of the mix */
    @Benchmark
    public CoverageDecision baseline(MixState mix, MixState.Cursor cursor) {
        return mix.baseline.decide(cursor.next(mix.requests));
    }
}
