// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a request file (NDJSON, one request per line) and the formulary it is routed against:
 * {@code GenerateWorkload --requests N --seed S --out requests.ndjson --formulary-out formulary.json
 * [--drugs 2000] [--genotypes 16]}. Streams: a million lines take no more memory than ten.
 */
public final class GenerateWorkload {

    private GenerateWorkload() {
    }

    /**
     * @param args the options above
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        long requests = -1;
        long seed = Workload.DEFAULT_SEED;
        int drugs = Workload.DEFAULT_DRUGS;
        int genotypes = Workload.DEFAULT_GENOTYPES;
        Path out = null;
        Path formularyOut = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--requests" -> requests = Long.parseLong(require(args[i], value));
                case "--seed" -> seed = Long.parseLong(require(args[i], value));
                case "--drugs" -> drugs = Integer.parseInt(require(args[i], value));
                case "--genotypes" -> genotypes = Integer.parseInt(require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                case "--formulary-out" -> formularyOut = Path.of(require(args[i], value));
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        if (requests < 0 || out == null || formularyOut == null) {
            usage("--requests, --out and --formulary-out are required");
        }
        Workload workload = Workload.create(seed, drugs, genotypes);
        Files.writeString(formularyOut, workload.formularyJson(), StandardCharsets.UTF_8);
        long start = System.nanoTime();
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (long i = 0; i < requests; i++) {
                writer.write(workload.request(i));
                writer.write('\n');
            }
        }
        System.err.printf("wrote %d requests to %s and %d drugs to %s in %.1f s%n", requests, out,
                workload.formulary().drugs().size(), formularyOut, (System.nanoTime() - start) / 1e9);
    }

    private static String require(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: GenerateWorkload --requests N --seed S --out requests.ndjson "
                + "--formulary-out formulary.json [--drugs 2000] [--genotypes 16]");
        System.exit(2);
    }
}
