// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Time from JVM start to the first decision: launches {@code java -jar precision-formulary.jar evaluate
 * REQUEST} (or, with {@code --launcher}, {@code examples/bin/precision-formulary evaluate REQUEST}, which adds the
 * class-data archive, the quick JIT tier and a young generation sized for start-up) in a fresh process several
 * times and prints every wall time and their median. Usage: {@code StartupToFirstDecision
 * [--jar examples/target/precision-formulary.jar] [--launcher examples/bin/precision-formulary] [--runs 7]
 * [--formulary F]}.
 */
public final class StartupToFirstDecision {

    private StartupToFirstDecision() {
    }

    /**
     * @param args the options above
     * @throws IOException          when the request file cannot be written or the process cannot start
     * @throws InterruptedException when interrupted while waiting for a run
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path jar = Path.of("examples/target/precision-formulary.jar");
        int runs = 7;
        Path formulary = null;
        Path launcher = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--formulary" -> formulary = Path.of(args[i + 1]);
                case "--launcher" -> launcher = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " not found; build it with ./mvnw -q -pl examples -am package -DskipTests");
        }
        Path request = Files.createTempFile("first-decision-", ".json");
        Files.writeString(request, "{\"requestId\":\"S-1\",\"serviceDate\":\"2026-06-30\",\"member\":{\"id\":\"M-1\"},"
                + "\"drug\":{\"name\":\"codeine\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}]}",
                StandardCharsets.UTF_8);
        List<Long> millis = new ArrayList<>();
        try {
            for (int run = 1; run <= runs; run++) {
                List<String> command = new ArrayList<>(launcher != null ? List.of(launcher.toString(), "evaluate")
                        : List.of(javaBinary(), "-jar", jar.toString(), "evaluate"));
                if (formulary != null) {
                    command.addAll(List.of("--formulary", formulary.toString()));
                }
                command.add(request.toString());
                long start = System.nanoTime();
                Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = process.waitFor();
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (exit != 0 || !out.contains("\"outcome\"")) {
                    throw new IllegalStateException("run " + run + " failed with exit code " + exit);
                }
                millis.add(elapsed);
                System.out.printf("run %d: %d ms%n", run, elapsed);
            }
        } finally {
            Files.deleteIfExists(request);
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("JVM start to first decision (%s), median of %d runs: %d ms (min %d, max %d)%n",
                launcher != null ? launcher : "java -jar " + jar, runs,
                sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
