// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher the README runs, {@code bin/precision-formulary}, on the jar the build made: run by failsafe after
 * {@code package}. It picks the JVM's options per command; a caller's own options in {@code JAVA_OPTS} still win.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin", "precision-formulary");
    private static final String REQUEST = "{\"requestId\":\"L%d\",\"member\":{\"id\":\"M%d\"},\"drug\":{\"name\":\"codeine\"},"
            + "\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}]}";

    @TempDir
    Path dir;

    private record Run(int exitCode, String collector) {
    }

    /** Runs the launcher with JAVA_OPTS and a GC log, and reads which collector the JVM used. */
    private Run launch(String javaOpts, String... args) throws IOException, InterruptedException {
        Path gcLog = dir.resolve("gc-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder("sh", LAUNCHER.toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("JAVA_OPTS", (javaOpts + " -Xlog:gc:file=" + gcLog).strip());
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("out-" + System.nanoTime() + ".txt").toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(request(1).toFile()));
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        String log = Files.exists(gcLog) ? Files.readString(gcLog, StandardCharsets.UTF_8) : "";
        String collector = log.lines().filter(line -> line.contains("Using ")).findFirst()
                .map(line -> line.substring(line.indexOf("Using ") + "Using ".length()).strip()).orElse("none");
        return new Run(process.exitValue(), collector);
    }

    private Path request(int n) throws IOException {
        return Files.writeString(dir.resolve("request-" + n + ".json"), REQUEST.formatted(n, n), StandardCharsets.UTF_8);
    }

    private Path requests(int count) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append(REQUEST.formatted(i, i)).append('\n');
        }
        return Files.writeString(dir.resolve("in.ndjson"), text, StandardCharsets.UTF_8);
    }

    @Test
    void batchRunsOnTheThroughputCollectorAndEveryLineGetsItsDecision() throws Exception {
        Path in = requests(40);
        Path out = dir.resolve("out.ndjson");

        Run run = launch("-Xmx256m", "batch", "--in", in.toString(), "--out", out.toString(), "--threads", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.collector()).isEqualTo("Parallel");
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).hasSize(40).allMatch(l -> l.contains("\"REJECTED\""));
    }

    @Test
    void aCollectorTheCallerPicksIsKeptForBatch() throws Exception {
        Path in = requests(3);
        Path out = dir.resolve("out.ndjson");

        Run run = launch("-XX:+UseSerialGC", "batch", "--in", in.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.collector()).isEqualTo("Serial");
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).hasSize(3);
    }

    @Test
    void oneShotCommandsKeepTheJvmsDefaultCollector() throws Exception {
        Run run = launch("", "evaluate");

        assertThat(run.exitCode()).isZero();
        // G1 on a machine the JVM deems a server, Serial on a smaller one: either way, not the batch's choice.
        assertThat(run.collector()).isIn("G1", "Serial");
    }
}
