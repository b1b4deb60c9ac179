// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.model.decision.CoverageDecision;

/**
 * How the cost of one decision grows with the pack: the routing rules plus the first 5, 20 or all CPIC
 * guideline files, loaded as a local pack and compiled at run time (once per trial: it is slow). The
 * setup prints each pack's rule count and compile time, so the growth of both can be read off one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx3g"})
public class PackSizeScaling {

    /** CPIC guideline files in the pack; {@code 0} means all of them. */
    @Param({"5", "20", "0"})
    public int guidelines;

    private Path dir;
    private PrecisionFormulary engine;
    private String[] requests;

    /**
     * Writes and compiles the pack, and prints its size.
     *
     * @throws IOException when the pack directory cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        int files = guidelines == 0 ? PackDirectories.builtInGuidelineFiles() : guidelines;
        dir = PackDirectories.standalonePack(Files.createTempDirectory("bench-pack-"), files);
        long start = System.nanoTime();
        RulePack pack = RulePack.fromDirectory(dir);
        long compileMillis = (System.nanoTime() - start) / 1_000_000;
        Workload workload = Workload.standard();
        requests = workload.requests(MixState.DISTINCT_REQUESTS).toArray(String[]::new);
        engine = PrecisionFormulary.builder().rulePack(pack).formulary(workload.formulary()).clock(Workload.CLOCK).build();
        System.out.printf("%npack of %d CPIC guideline files: %d rules, compiled in %d ms%n", files,
                pack.ruleNames().size(), compileMillis);
    }

    /** Removes the pack directory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        PackDirectories.delete(dir);
    }

    /** @return the engine's decision on the next request of the mix */
    @Benchmark
    public CoverageDecision engine(MixState.Cursor cursor) {
        return engine.evaluate(cursor.next(requests));
    }
}
