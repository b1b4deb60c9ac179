// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;

/**
 * What the deadline per evaluation costs on the standard mix: every evaluation handed to one of the engine's
 * worker threads while the caller waits ({@code deadline=on}, the default), against the old caller-thread mode
 * ({@code deadline=off}, {@code evaluationDeadline(false)}). Latency on one thread (p50, p99 from every call),
 * and throughput on two threads sharing the engine.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 6, time = 6)
@Measurement(iterations = 3, time = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g"})
public class EvaluationDeadline {

    /** Whether evaluations run on the engine's workers with a deadline, or on the calling thread. */
    @Param({"on", "off"})
    public String deadline;

    private PrecisionFormulary engine;
    private String[] requests;

    /** Builds the engine over the standard workload, with or without the deadline. */
    @Setup(Level.Trial)
    public void setUp() {
        Workload workload = Workload.standard();
        requests = workload.requests(MixState.DISTINCT_REQUESTS).toArray(String[]::new);
        boolean on = switch (deadline) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("deadline: " + deadline);
        };
        // The built-in pack as shipped always runs on the caller's thread; the deadline applies to packs with
        // rules compiled at run time, so both sides use the built-in rules with one plan rule laid over them.
        engine = PrecisionFormulary.builder().formulary(workload.formulary()).clock(Workload.CLOCK)
                .rulePack(PackDirectories.planPackOverBuiltIn()).evaluationDeadline(on).build();
    }

    /** @return the engine's decision on the next request of the mix; one thread, every call sampled */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public CoverageDecision latency(MixState.Cursor cursor) {
        return engine.evaluate(cursor.next(requests));
    }

    /** @return a decision; two threads share the engine */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public CoverageDecision throughput2Threads(MixState.Cursor cursor) {
        return engine.evaluate(cursor.next(requests));
    }
}
