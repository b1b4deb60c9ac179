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
import org.openjdk.jmh.annotations.Warmup;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;

/**
 * How the cost of one decision grows with the genotype entries a member carries (the most-cited genes
 * first), on the standard formulary and pack; the baseline alongside for the ratio at each size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx2g"})
public class GenotypeScaling {

    /** Genotype entries per request. */
    @Param({"1", "5", "15"})
    public int genotypes;

    private PrecisionFormulary engine;
    private BaselineAdjudicator baseline;
    private String[] requests;

    /** Builds a workload whose members carry {@link #genotypes} entries. */
    @Setup(Level.Trial)
    public void setUp() {
        Workload workload = Workload.create(Workload.DEFAULT_SEED, Workload.DEFAULT_DRUGS, genotypes);
        requests = workload.requests(MixState.DISTINCT_REQUESTS).toArray(String[]::new);
        engine = PrecisionFormulary.builder().formulary(workload.formulary()).clock(Workload.CLOCK).build();
        baseline = new BaselineAdjudicator(workload.formulary(), Workload.CLOCK);
    }

    /** @return the engine's decision on the next request */
    @Benchmark
    public CoverageDecision engine(MixState.Cursor cursor) {
        return engine.evaluate(cursor.next(requests));
    }

    /** @return the baseline's decision on the next request */
    @Benchmark
    public CoverageDecision baseline(MixState.Cursor cursor) {
        return baseline.decide(cursor.next(requests));
    }
}
