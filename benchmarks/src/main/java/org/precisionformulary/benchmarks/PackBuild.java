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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.model.formulary.Formulary;

/**
 * Building the engine: the first build in a fresh JVM (class loading plus the KieBase from the precompiled
 * model; one shot per fork, so run with several forks), the KieBase alone once warm, and a hot reload of the
 * full pack as {@code reloadInBackground} does it (a plan pack over the built-in one, compiled and swapped in).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 5, jvmArgsAppend = {"-Xmx2g"})
public class PackBuild {

    private Formulary formulary;
    private PrecisionFormulary engine;
    private Path planPack;

    /**
     * Reads the formulary and writes the plan pack; the engine for reloads is built lazily.
     *
     * @throws IOException when the pack directory cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        formulary = Workload.standard().formulary();
        planPack = PackDirectories.layeredPlanPack(Files.createTempDirectory("bench-plan-"));
    }

    /** Removes the plan pack. */
    @TearDown(Level.Trial)
    public void tearDown() {
        PackDirectories.delete(planPack);
    }

    /** @return an engine over the built-in pack; the first call in a JVM is the cold start */
    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public PrecisionFormulary coldEngineBuild() {
        return PrecisionFormulary.builder().formulary(formulary).clock(Workload.CLOCK).build();
    }

    /** @return a new KieBase from the precompiled executable model, the JVM already warm */
    @Benchmark
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public RulePack warmKieBaseBuild() {
        return RulePack.loadBuiltIn();
    }

    /** @return the pack a hot reload swapped in: the built-in pack plus a plan rule, compiled and swapped */
    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public RulePack hotReloadFullPack() {
        if (engine == null) {
            engine = PrecisionFormulary.builder().formulary(formulary).clock(Workload.CLOCK).build();
        }
        return engine.reloadInBackground(planPack).join();
    }
}
