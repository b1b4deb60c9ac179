// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.formulary.FormularyDrug;

/**
 * Writes a sample report for the documentation: generated requests decided with their genotypes and compared with
 * the same requests decided without them. {@code SampleReport [REQUESTS] [DIR]} (default 20000 and
 * {@code target/batch-report}); writes {@code sample.html} and {@code sample.json}.
 */
public final class SampleReport {

    private SampleReport() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target/batch-report"));
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        List<String> drugs = engine.formulary().drugs().stream().map(FormularyDrug::drug).toList();
        GeneratedRequests generator = new GeneratedRequests(20_261_124L, drugs);
        BatchReport report = new BatchReport(ReportSettings.defaults());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        try {
            for (int done = 0; done < requests; done += 1_000) {
                List<GeneratedRequests.Line> lines = generator.next(Math.min(1_000, requests - done));
                List<Future<CoverageDecision[]>> decided = new ArrayList<>();
                for (GeneratedRequests.Line line : lines) {
                    decided.add(threads.submit(() -> new CoverageDecision[] {
                        engine.evaluate(line.json()), engine.evaluate(line.withoutGenotypes())}));
                }
                for (int i = 0; i < lines.size(); i++) {
                    CoverageDecision[] pair = decided.get(i).get();
                    report.add(lines.get(i).json(), pair[0], pair[1]);
                }
            }
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.writeHtml(dir.resolve("sample.html"));
        report.writeJson(dir.resolve("sample.json"));
        System.out.printf(Locale.ROOT, "%,d requests (each decided twice) in %.1f s; wrote %s%n", requests, seconds,
                dir.resolve("sample.html").toAbsolutePath());
    }
}
