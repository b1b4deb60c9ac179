// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.openjdk.jmh.annotations.Warmup;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.model.decision.CoverageDecision;

/**
 * The design choice behind the engine, measured on the standard mix: gene–drug findings kept between
 * requests ({@code staged-cached}, the default), worked out afresh for every request ({@code staged-uncached},
 * the reference the cache is tested against), or every rule in one session per request ({@code one-session}:
 * what a pack gets when a rule joins genotypes with other facts; here the built-in pack plus one such rule,
 * which never fires).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 6)
@Measurement(iterations = 3, time = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g"})
public class EvaluationPath {

    /** How the engine evaluates. */
    @Param({"staged-cached", "staged-uncached", "one-session"})
    public String path;

    private PrecisionFormulary engine;
    private String[] requests;

    /** Builds the engine for {@link #path} over the standard workload. */
    @Setup(Level.Trial)
    public void setUp() {
        Workload workload = Workload.standard();
        requests = workload.requests(MixState.DISTINCT_REQUESTS).toArray(String[]::new);
        PrecisionFormulary.Builder builder = PrecisionFormulary.builder().formulary(workload.formulary())
                .clock(Workload.CLOCK);
        switch (path) {
            case "staged-cached" -> { }
            case "staged-uncached" -> builder.cacheFindings(false);
            case "one-session" -> builder.rulePack(RulePack.fromDirectory(packJoiningGenotypes()));
            default -> throw new IllegalArgumentException("path: " + path);
        }
        engine = builder.build();
    }

    /** @return the engine's decision on the next request of the mix */
    @Benchmark
    public CoverageDecision engine(MixState.Cursor cursor) {
        return engine.evaluate(cursor.next(requests));
    }

    private static Path packJoiningGenotypes() {
        try {
            Path dir = Files.createTempDirectory("one-session-pack");
            Files.createDirectories(dir.resolve("local"));
            Files.writeString(dir.resolve("pack.properties"), "extends=builtin\nname=one-session\nversion=1\n");
            Files.writeString(dir.resolve("local/joined.drl"), """
                    package local;
                    import org.precisionformulary.model.genotype.GeneResult;
                    import org.precisionformulary.model.request.Biomarker;

                    rule "a genotype joined with a biomarker no request carries"
                        @concern("benchmark: forces one session per request")
                    when
                        GeneResult( )
                        Biomarker( name == "never-sent" )
                    then
                    end
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
