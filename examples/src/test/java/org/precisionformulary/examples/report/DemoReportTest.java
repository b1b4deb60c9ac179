// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples.report;

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

/**
 * The demo members through the real engine, each compared with the same request without its genotypes. Writes
 * {@code target/batch-report/demo.html} and {@code .json}.
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
        ReportPage page = ReportPage.parse(dir.resolve("demo.html"));

        assertThat(page.count("total-requests")).isEqualTo(requests.size()).isEqualTo(14);
        for (Outcome o : Outcome.values()) {
            assertThat(page.count("outcome-" + o.name())).as(o.name()).isEqualTo(outcomes.getOrDefault(o, 0L));
        }
        rejectCodes.forEach((code, n) -> assertThat(page.countWhere("data-reject-code", code)).isEqualTo(n));
        assertThat(page.count("requests-with-exceptions")).isEqualTo(withExceptions).isPositive();
        assertThat(page.byId("formulary-id").getTextContent()).isEqualTo("DEMO-2026");
        // no demo member names a monitoring group, and 14 is below the minimum: the pool is suppressed
        assertThat(page.groupRow("1 group with fewer than 20 requests, pooled").getAttribute("data-suppressed"))
                .isEqualTo("true");

        assertThat(page.count("compared")).isEqualTo(14);
        assertThat(page.count("toward-paying")).isEqualTo(towardPaying);
        long shownLower = page.all("//td[@data-shift='lower']").stream()
                .mapToLong(e -> Long.parseLong(e.getAttribute("data-count"))).sum();
        assertThat(shownLower).isEqualTo(lowerTier).isPositive();
        assertThat(higherTier).isZero();
        assertThat(page.count("gina-higher")).isZero();
    }

    private static boolean paying(CoverageDecision d) {
        return d.outcome() == Outcome.APPROVED || d.outcome() == Outcome.APPROVED_WITH_EXCEPTION;
    }
}
