// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.precisionformulary.model.decision.CoverageDecision;

/** Decisions per second on the standard mix at 1 and 2 threads sharing one engine (or one baseline). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 3, jvmArgsAppend = {"-Xmx2g"})
public class EvaluateThroughput {

    /** @return a decision; one thread */
    @Benchmark
    @Threads(1)
    public CoverageDecision engine1Thread(MixState mix, MixState.Cursor cursor) {
        return mix.engine.evaluate(cursor.next(mix.requests));
    }

    /** @return a decision; two threads share the engine */
    @Benchmark
    @Threads(2)
    public CoverageDecision engine2Threads(MixState mix, MixState.Cursor cursor) {
        return mix.engine.evaluate(cursor.next(mix.requests));
    }

    /** @return a decision; one thread */
    @Benchmark
    @Threads(1)
    public CoverageDecision baseline1Thread(MixState mix, MixState.Cursor cursor) {
        return mix.baseline.decide(cursor.next(mix.requests));
    }

    /** @return a decision; two threads share the baseline */
    @Benchmark
    @Threads(2)
    public CoverageDecision baseline2Threads(MixState mix, MixState.Cursor cursor) {
        return mix.baseline.decide(cursor.next(mix.requests));
    }
}
