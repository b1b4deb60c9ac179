// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.w3c.dom.Element;

/**
 * A generated batch of 100,000 requests (override with {@code -Dreport.requests=N}) through the real engine on two
 * threads; the report's HTML and JSON must agree with counts the test makes itself from the decisions and from what
 * the generator knows about each line. Writes {@code target/batch-report/generated.html} and {@code .json}.
 */
class GeneratedBatchReportTest {

    private static final int REQUESTS = Integer.getInteger("report.requests", 100_000);
    private static final long SEED = 20_261_124L;
    private static final int CHUNK = 2_000;
    private static final String NONE = BatchReport.NONE_GIVEN;
    private static final int MEASURES = Measure.values().length;
    /**
     * Below the default 5 points: the generated groups differ by about 2 points at most (group-b's risky alleles),
     * and a check of the flags needs some flagged.
     */
    private static final double THRESHOLD = 1.5;

    private static ExecutorService threads;

    /** Counts the test makes on its own: per group label, n then one count per measure. */
    private final Map<String, long[]> groups = new TreeMap<>();
    private final long[] outcomes = new long[Outcome.values().length];
    private final Map<String, Long> rejectCodes = new HashMap<>();
    private long withErrors;
    private long wholeLineErrors;
    private long notJsonLines;
    /** JSON lines the engine stopped at its time budget (a loaded machine): review with an error on $ too. */
    private long outOfTime;

    @BeforeAll
    static void start() {
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
    }

    @Test
    void theReportOfAGeneratedBatchAgreesWithCountsMadeIndependently() throws Exception {
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        List<String> drugs = engine.formulary().drugs().stream().map(FormularyDrug::drug).toList();
        GeneratedRequests generator = new GeneratedRequests(SEED, drugs);
        BatchReport report = new BatchReport(new ReportSettings(THRESHOLD, ReportSettings.defaults().minGroupSize(),
                ReportSettings.defaults().title()));

        long start = System.nanoTime();
        long reporting = 0;
        for (int done = 0; done < REQUESTS; done += CHUNK) {
            List<GeneratedRequests.Line> lines = generator.next(Math.min(CHUNK, REQUESTS - done));
            List<Future<CoverageDecision>> decisions = new ArrayList<>(lines.size());
            for (GeneratedRequests.Line line : lines) {
                decisions.add(threads.submit(() -> engine.evaluate(line.json())));
            }
            for (int i = 0; i < lines.size(); i++) {
                CoverageDecision decision = decisions.get(i).get();
                long before = System.nanoTime();
                report.add(lines.get(i).json(), decision, null);
                reporting += System.nanoTime() - before;
                count(lines.get(i), decision);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "generated batch: %,d requests on 2 threads in %.1f s (%,.0f requests/s)%n",
                REQUESTS, seconds, REQUESTS / seconds);
        System.out.printf(Locale.ROOT, "generated batch: BatchReport.add took %.2f s in all (%.1f \u00b5s a line)%n",
                reporting / 1e9, reporting / 1e3 / REQUESTS);

        Path dir = Files.createDirectories(Path.of("target", "batch-report"));
        Path html = dir.resolve("generated.html");
        Path json = dir.resolve("generated.json");
        report.writeHtml(html);
        report.writeJson(json);
        ReportPage page = ReportPage.parse(html);
        JsonNode summary = new ObjectMapper().readTree(json.toFile());

        assertThat(page.count("total-requests")).isEqualTo(REQUESTS);
        assertThat(summary.at("/header/requests").asLong()).isEqualTo(REQUESTS);
        assertThat(page.byId("formulary-id").getTextContent()).isEqualTo(engine.formulary().formularyId());
        assertThat(page.byId("rule-pack-version").getTextContent()).isEqualTo(engine.rulePack().version());
        for (Outcome o : Outcome.values()) {
            assertThat(page.count("outcome-" + o.name())).as(o.name()).isEqualTo(outcomes[o.ordinal()]);
            assertThat(summary.at("/totals/outcomes/" + o.ordinal() + "/count").asLong())
                    .isEqualTo(outcomes[o.ordinal()]);
        }
        rejectCodes.forEach((code, n) -> assertThat(page.countWhere("data-reject-code", code)).as(code).isEqualTo(n));
        assertThat(page.count("requests-with-errors")).isEqualTo(withErrors);
        // every line the generator broke as JSON, and only those, is an error on the whole line (besides any
        // request the engine stopped at its time budget on a busy machine)
        assertThat(wholeLineErrors).isEqualTo(notJsonLines + outOfTime);
        assertThat(notJsonLines).isPositive();
        assertThat(page.countWhere("data-error-field", "$")).isEqualTo(notJsonLines + outOfTime);

        assertThat(page.count("unreadable-lines")).isEqualTo(notJsonLines);
        assertThat(summary.at("/equity/unreadableLines").asLong()).isEqualTo(notJsonLines);

        checkEquity(page, summary);
    }

    private void count(GeneratedRequests.Line line, CoverageDecision decision) {
        outcomes[decision.outcome().ordinal()]++;
        decision.rejectCodes().stream().distinct().forEach(c -> rejectCodes.merge(c, 1L, Long::sum));
        if (line.notJson()) {
            notJsonLines++;
        }
        if (!decision.errors().isEmpty()) {
            withErrors++;
        }
        if (decision.errors().stream().anyMatch(e -> e.field().equals("$"))) {
            wholeLineErrors++;
            if (!line.notJson() && decision.errors().stream().anyMatch(e -> e.message().contains(" ms budget"))) {
                outOfTime++;
            }
        }
        if (line.notJson()) {
            // no group can be read from it: counted apart, in no row of the equity table
            return;
        }
        long[] g = groups.computeIfAbsent(line.group() == null ? NONE : line.group(), k -> new long[MEASURES + 1]);
        g[MEASURES]++;
        g[Measure.valueOf(decision.outcome().name()).ordinal()]++;
        if (!decision.exceptions().isEmpty()) {
            g[Measure.ANY_EXCEPTION.ordinal()]++;
        }
        for (ExceptionType t : ExceptionType.values()) {
            if (decision.exceptions().stream().anyMatch(e -> e.type() == t)) {
                g[Measure.valueOf(t.name()).ordinal()]++;
            }
        }
        boolean indeterminate = false;
        for (Finding f : decision.findings()) {
            indeterminate |= f.genes().containsValue("Indeterminate")
                    || f.action() == Action.INDETERMINATE;
        }
        for (FieldError e : decision.errors()) {
            indeterminate |= e.field().startsWith("genotypes");
        }
        if (indeterminate) {
            g[Measure.INDETERMINATE_GENOTYPE.ordinal()]++;
        }
    }

    private void checkEquity(ReportPage page, JsonNode summary) {
        assertThat(groups.keySet()).containsExactly(NONE, "group-a", "group-b", "group-c", "group-small");
        assertThat(groups.get("group-small")[MEASURES]).isLessThan(20);
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, long[]> e : groups.entrySet()) {
            long[] g = e.getValue();
            if (g[MEASURES] < 20) {
                continue;
            }
            shown.add(e.getKey());
            Element row = page.groupRow(e.getKey());
            assertThat(Long.parseLong(row.getAttribute("data-requests"))).isEqualTo(g[MEASURES]);
            for (Measure m : Measure.values()) {
                Element cell = page.rate(e.getKey(), m);
                assertThat(Long.parseLong(cell.getAttribute("data-count"))).as(e.getKey() + " " + m)
                        .isEqualTo(g[m.ordinal()]);
                assertThat(Double.parseDouble(cell.getAttribute("data-percent"))).as(e.getKey() + " " + m)
                        .isCloseTo(100.0 * g[m.ordinal()] / g[MEASURES], within(1e-3));
            }
        }
        Element pool = page.groupRow("1 group with fewer than 20 requests, pooled");
        assertThat(pool.getAttribute("data-suppressed")).isEqualTo("true");
        assertThat(pool.getAttribute("data-requests")).isEqualTo(Long.toString(groups.get("group-small")[MEASURES]));
        assertThat(page.all("//tr[@data-kind='POOLED']/td[@data-measure]")).isEmpty();

        int flagged = 0;
        for (Measure m : Measure.values()) {
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            for (String label : shown) {
                long[] g = groups.get(label);
                double rate = 100.0 * g[m.ordinal()] / g[MEASURES];
                high = Math.max(high, rate);
                low = Math.min(low, rate);
            }
            boolean expectFlag = high - low > THRESHOLD;
            flagged += expectFlag ? 1 : 0;
            Element gap = page.byId("gap-" + m.name());
            assertThat(Double.parseDouble(gap.getAttribute("data-points"))).as(m.name())
                    .isCloseTo(high - low, within(1e-3));
            assertThat(gap.getAttribute("data-flagged")).as(m.name()).isEqualTo(Boolean.toString(expectFlag));
            JsonNode jsonGap = summary.at("/equity/gaps/" + m.ordinal());
            assertThat(jsonGap.get("points").asDouble()).isCloseTo(high - low, within(1e-3));
            assertThat(jsonGap.get("flagged").asBoolean()).isEqualTo(expectFlag);
        }
        // group-b carries no-function alleles more often: some gap must show, or this check proves nothing
        assertThat(flagged).isPositive();
        assertThat(page.count("equity-flags")).isEqualTo(flagged);
    }
}
