// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.report.BatchReport;
import org.precisionformulary.report.ReportSettings;
import org.precisionformulary.report.ReportSummary;
import org.precisionformulary.report.ReportSummary.Count;

/**
 * The batch report over the demo members decided by the real engine, each compared with the same request without
 * its genotypes. Writes {@code target/batch-report/demo.html} and {@code .json}; the HTML itself is checked in the
 * batch-report module.
 */
class DemoReportTest {

    private static final String FOLDER = "/org/precisionformulary/examples/demo/";

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoReportTest.class.getResourceAsStream(FOLDER + name)) {
            assertThat(in).as(FOLDER + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The demo requests, one line each, as a batch would read them. */
    private static List<String> demoRequests() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<String> requests = new ArrayList<>();
        for (String name : resource("index.txt").split("\n")) {
            if (!name.isBlank() && !name.strip().startsWith("#")) {
                requests.add(mapper.readTree(resource(name.strip())).toString());
            }
        }
        return requests;
    }

    @Test
    void theDemoReportShowsTheEngineDecisionsCountedIndependently() throws Exception {
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        ObjectMapper mapper = new ObjectMapper();
        BatchReport report = new BatchReport(ReportSettings.defaults());
        Map<Outcome, Long> outcomes = new HashMap<>();
        Map<String, Long> rejectCodes = new HashMap<>();
        long withExceptions = 0;
        long towardPaying = 0;
        long lowerTier = 0;
        long higherTier = 0;
        List<String> requests = demoRequests();
        for (String request : requests) {
            ObjectNode withoutGenotypes = (ObjectNode) mapper.readTree(request);
            withoutGenotypes.remove("genotypes");
            CoverageDecision decision = engine.evaluate(request);
            CoverageDecision baseline = engine.evaluate(withoutGenotypes.toString());
            report.add(request, decision, baseline);

            outcomes.merge(decision.outcome(), 1L, Long::sum);
            decision.rejectCodes().forEach(code -> rejectCodes.merge(code, 1L, Long::sum));
            withExceptions += decision.exceptions().isEmpty() ? 0 : 1;
            boolean paysNow = paying(decision);
            boolean paidBefore = paying(baseline);
            towardPaying += paysNow && !paidBefore ? 1 : 0;
            if (paysNow && paidBefore) {
                lowerTier += decision.tier() < baseline.tier() ? 1 : 0;
                higherTier += decision.tier() > baseline.tier() ? 1 : 0;
            }
        }

        Path dir = Files.createDirectories(Path.of("target", "batch-report"));
        report.writeHtml(dir.resolve("demo.html"));
        report.writeJson(dir.resolve("demo.json"));
        ReportSummary summary = report.summary();

        assertThat(summary.header().requests()).isEqualTo(requests.size()).isEqualTo(19);
        for (Outcome o : Outcome.values()) {
            assertThat(count(summary.totals().outcomes(), o.name())).as(o.name()).isEqualTo(outcomes.getOrDefault(o, 0L));
        }
        rejectCodes.forEach((code, n) -> assertThat(count(summary.totals().rejectCodes(), code)).isEqualTo(n));
        assertThat(summary.totals().requestsWithExceptions()).isEqualTo(withExceptions).isPositive();
        assertThat(summary.header().formularyId()).isEqualTo("DEMO-2026");
        // no demo member names a monitoring group, and 19 is below the minimum: the pool is suppressed
        assertThat(summary.equity().rows()).singleElement().satisfies(row -> {
            assertThat(row.label()).isEqualTo("1 group with fewer than 20 requests, pooled");
            assertThat(row.suppressed()).isTrue();
        });

        assertThat(summary.comparison().compared()).isEqualTo(19);
        assertThat(summary.comparison().towardPaying()).isEqualTo(towardPaying);
        long shownLower = summary.comparison().costShare().stream().mapToLong(ReportSummary.TierShift::lower).sum();
        assertThat(shownLower).isEqualTo(lowerTier).isPositive();
        assertThat(higherTier).isZero();
        assertThat(summary.comparison().higherCostShare()).isZero();
    }

    private static long count(List<Count> counts, String label) {
        return counts.stream().filter(c -> c.label().equals(label)).mapToLong(Count::count).sum();
    }

    private static boolean paying(CoverageDecision d) {
        return d.outcome() == Outcome.APPROVED || d.outcome() == Outcome.APPROVED_WITH_EXCEPTION;
    }
}
