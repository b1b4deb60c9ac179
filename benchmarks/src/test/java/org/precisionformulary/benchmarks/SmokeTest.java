// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Benchmarks are not timed tests: this only proves that every benchmark still runs to a result, in process,
 * with one short warm-up and one short measurement (the figures mean nothing). The pack-size benchmark runs
 * with one guideline file only; compiling the whole pack from DRL takes longer than this test may.
 */
class SmokeTest {

    @Test
    void everyBenchmarkRunsToAResult() throws RunnerException {
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
                .include(SmokeTest.class.getPackageName() + "\\.")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .timeUnit(TimeUnit.MICROSECONDS)
                .param("guidelines", "1")
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Map<String, Long> samples = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replace(SmokeTest.class.getPackageName() + ".", "");
            String params = r.getParams().getParamsKeys().isEmpty() ? "" : "(" + r.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + r.getParams().getParam(k)).reduce((a, b) -> a + "," + b).orElse("") + ")";
            samples.put(name + params, r.getPrimaryResult().getSampleCount());
            assertThat(r.getPrimaryResult().getScore()).as(name + params).isFinite().isPositive();
        }
        assertThat(samples.keySet()).containsExactlyInAnyOrder(
                "EvaluateLatency.engine", "EvaluateLatency.baseline",
                "EvaluateThroughput.engine1Thread", "EvaluateThroughput.engine2Threads",
                "EvaluateThroughput.baseline1Thread", "EvaluateThroughput.baseline2Threads",
                "GenotypeScaling.engine(genotypes=1)", "GenotypeScaling.engine(genotypes=5)",
                "GenotypeScaling.engine(genotypes=15)", "GenotypeScaling.baseline(genotypes=1)",
                "GenotypeScaling.baseline(genotypes=5)", "GenotypeScaling.baseline(genotypes=15)",
                "PackSizeScaling.engine(guidelines=1)", "EvaluationPath.engine(path=staged-cached)",
                "EvaluationPath.engine(path=staged-uncached)", "EvaluationPath.engine(path=one-session)",
                "EvaluationDeadline.latency(deadline=on)", "EvaluationDeadline.latency(deadline=off)",
                "EvaluationDeadline.throughput2Threads(deadline=on)",
                "EvaluationDeadline.throughput2Threads(deadline=off)",
                "PackBuild.coldEngineBuild", "PackBuild.warmKieBaseBuild", "PackBuild.hotReloadFullPack");
        assertThat(samples.values()).allMatch(n -> n > 0);
    }
}
