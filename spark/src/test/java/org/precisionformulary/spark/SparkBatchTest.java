// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.benchmarks.Workload;

/**
 * The Spark job against the command line's batch: the same lines give the same bytes, whichever way they are read
 * and written, when a task fails once, and never with a pack other than the driver's.
 */
class SparkBatchTest {

    private static final int REQUESTS = 2_000;
    private static final String OUT_OF_TIME = "did not decide within the";
    private static final Path CLI_JAR = Path.of("..", "examples", "target", "precision-formulary.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Path formulary;
    private static Path requests;
    /** What batch wrote for {@link #requests}, one decision a line. */
    private static List<String> batchDecisions;
    /** The JSON summaries of batch's reports on {@link #requests}: alone, and compared without genotypes. */
    private static JsonNode batchReport;
    private static JsonNode batchReportWithoutGenotypes;
    /** The same on the first 500 lines, compared with another formulary. */
    private static JsonNode batchReportOtherFormulary;
    private static Path otherFormulary;

    @BeforeAll
    static void decideWithBatch() throws Exception {
        Workload workload = Workload.standard();
        formulary = Files.writeString(dir.resolve("formulary.json"), workload.formularyJson());
        List<String> lines = new ArrayList<>(workload.requests(REQUESTS));
        // What batch treats specially: repeated ids (twice the same line, and an id reused by another line), a blank
        // line, text that is not JSON, a line ending in \r\n, a stray \r inside a line, a line without an id.
        lines.add(lines.get(2));
        lines.add(lines.get(7).replace(requestIdOf(lines.get(7)), requestIdOf(lines.get(2))));
        lines.add("");
        lines.add("not json");
        lines.add(lines.get(11) + "\r");
        lines.add("{\"requestId\": \"stray\r return\"}");
        lines.add("{\"member\": {}}");
        requests = Files.writeString(dir.resolve("requests.ndjson"), String.join("\n", lines) + "\n");

        Path out = dir.resolve("batch.ndjson");
        batchReport = batch(requests, out, "--report", dir.resolve("batch-report.html").toString());
        batchDecisions = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(batchDecisions).hasSize(lines.size());
        batchReportWithoutGenotypes = batch(requests, dir.resolve("batch-2.ndjson"), "--report",
                dir.resolve("batch-without-genotypes.html").toString(), "--compare-without-genotypes");
        // Another plan: every drug one tier up, so that the comparison sees tiers move.
        otherFormulary = Files.writeString(dir.resolve("other-formulary.json"), java.util.regex.Pattern
                .compile("\"tier\"\\s*:\\s*(\\d+)").matcher(workload.formularyJson())
                .replaceAll(m -> "\"tier\": " + (Integer.parseInt(m.group(1)) + 1)));
        assertThat(Files.readString(otherFormulary)).isNotEqualTo(Files.readString(formulary));
        batchReportOtherFormulary = batch(firstLines(500), dir.resolve("batch-3.ndjson"), "--report",
                dir.resolve("batch-other-formulary.html").toString(), "--baseline-formulary", otherFormulary.toString());

        spark = SparkSession.builder().master("local[2,2]").appName("spark-batch-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    private static final String BUDGET = "precisionformulary.evaluationBudgetMillis";

    /** Runs the command line's batch on the requests, with the workload's formulary; returns its report's JSON. */
    private static JsonNode batch(Path in, Path out, String... reportOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-D" + BUDGET + "=" + System.getProperty(BUDGET, "30000"), "-jar", CLI_JAR.toString(), "batch", "--in", in.toString(), "--out", out.toString(),
                "--formulary", formulary.toString()));
        command.addAll(List.of(reportOptions));
        Path log = dir.resolve(out.getFileName() + ".log");
        Process batch = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(batch.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(batch.exitValue()).as(Files.readString(log)).isZero();
        String html = reportOptions[1];
        return JSON.readTree(Path.of(html.substring(0, html.length() - ".html".length()) + ".json").toFile());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @AfterEach
    void noHook() {
        SparkBatch.hook = null;
    }

    @Test
    void decidesEveryLineWithTheSameBytesAsBatch() throws IOException {
        Path out = dir.resolve("decisions");
        SparkBatch.Summary summary = SparkBatch.readjudicate(spark, options("--in", requests.toString(), "--out",
                out.toString(), "--out-format", "decisions", "--formulary", formulary.toString()), (byte[]) null);

        assertSameDecisions(partFiles(out), batchDecisions);
        assertThat(summary.lines()).isEqualTo(batchDecisions.size());
        // Line 3's id twice, and line 12 again with a \r.
        assertThat(summary.duplicates()).isEqualTo(3);
        assertThat(batchDecisions.get(REQUESTS)).contains("duplicate of line 3");
        assertThat(batchDecisions.get(REQUESTS + 1)).contains("duplicate of line 3");
        assertThat(batchDecisions.get(REQUESTS + 4)).contains("duplicate of line 12");
        assertThat(summary.engineBuilds()).as("local mode: the executor uses the driver's engine").isZero();
    }

    @Test
    void anExecutorBuildsItsEngineOnceFromWhatTheDriverShipped() {
        // A spec this JVM has not seen (a member-id key makes it distinct), not handed over from the driver.
        EngineSpec spec = EngineSpec.onDriver(null, formulary, "0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        ExecutorEngines.forget(spec);
        Path in = firstLines(300);
        SparkBatch.Summary first = SparkBatch.readjudicate(spark, options("--in", in.toString(), "--out",
                dir.resolve("shipped").toString()), spec);
        SparkBatch.Summary second = SparkBatch.readjudicate(spark, options("--in", in.toString(), "--out",
                dir.resolve("shipped-again").toString()), spec);

        assertThat(first.engineBuilds()).as("one build, shared by both task slots").isEqualTo(1);
        assertThat(second.engineBuilds()).as("kept for the JVM's life").isZero();
        assertThat(first.lines()).isEqualTo(300);
        assertThat(spark.read().parquet(dir.resolve("shipped").toString()).select("packSha256").distinct()
                .collectAsList()).extracting(row -> row.getString(0)).containsExactly(spec.packSha256());
    }

    @Test
    void readsAndWritesParquetWithFlatColumns() {
        Path table = dir.resolve("requests.parquet");
        // One file, so that Spark reads the rows in the order they were written.
        spark.createDataset(batchInputLines().subList(0, 500), Encoders.STRING()).toDF("claim_json").coalesce(1)
                .write().parquet(table.toString());
        Path out = dir.resolve("parquet-out");
        SparkBatch.readjudicate(spark, options("--in", table.toString(), "--format", "parquet", "--request-column",
                "claim_json", "--out", out.toString(), "--partition-by", "outcome", "--formulary", formulary.toString()),
                (byte[]) null);

        Dataset<Row> decided = spark.read().parquet(out.toString());
        assertThat(decided.count()).isEqualTo(500);
        List<Row> rows = decided.orderBy("line").collectAsList();
        List<String> decisions = new ArrayList<>();
        for (Row row : rows) {
            String decision = row.getString(row.fieldIndex("decision"));
            decisions.add(decision);
            assertThat(decision).contains("\"outcome\":\"" + row.getString(row.fieldIndex("outcome")) + "\"");
        }
        assertSameDecisions(decisions, batchDecisions.subList(0, 500));
        Row first = rows.get(0);
        assertThat(first.getString(first.fieldIndex("packSha256"))).hasSize(64);
        assertThat(decided.filter("size(cpicGuidelineIds) > 0").count()).isPositive();
        assertThat(decided.filter("array_contains(rejectCodes, '88')").count()).isPositive();
    }

    @Test
    void aTaskFailedOnceIsRetriedWithoutDuplicateRows() {
        AtomicInteger injected = FailOnce.FAILURES;
        injected.set(0);
        SparkBatch.hook = new FailOnce();
        Path out = dir.resolve("retried");
        SparkBatch.readjudicate(spark, options("--in", firstLines(400).toString(), "--out", out.toString(),
                "--formulary", formulary.toString()), (byte[]) null);

        assertThat(injected.get()).as("the injected failure happened").isEqualTo(1);
        Dataset<Row> decided = spark.read().parquet(out.toString());
        assertThat(decided.count()).isEqualTo(400);
        assertThat(decided.select("line").distinct().count()).isEqualTo(400);
    }

    @Test
    void anExecutorWithAnotherPackRefusesToDecide() {
        EngineSpec mismatched = EngineSpec.onDriver(null, formulary, null).expecting("0".repeat(64));
        Path out = dir.resolve("mismatch");
        assertThatThrownBy(() -> SparkBatch.readjudicate(spark, options("--in", firstLines(100).toString(), "--out",
                out.toString()), mismatched))
                .hasStackTraceContaining("pack mismatch")
                .hasStackTraceContaining("refusing to decide with mixed packs");
        assertThat(out.resolve("_SUCCESS")).doesNotExist();
    }

    @Test
    void theReportSumsPartitionsInSparkToWhatBatchReports() throws IOException {
        Path out = dir.resolve("reported");
        Path report = dir.resolve("report");
        SparkBatch.Summary summary = SparkBatch.readjudicate(spark, options("--in", requests.toString(), "--out",
                out.toString(), "--out-format", "decisions", "--formulary", formulary.toString(),
                "--report", report.toString()), (byte[]) null);

        assertThat(summary.report()).isEqualTo(report.toString());
        assertThat(report.resolve("report.html")).exists();
        try (Stream<Path> files = Files.list(report)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.html",
                    "report.json");
        }
        JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
        assertThat(json.at("/header/requests").asLong()).isEqualTo(batchDecisions.size());
        assertSameReport(json, batchReport, partFiles(out));
        assertThat(json.path("comparison").isNull() || json.path("comparison").isMissingNode()).isTrue();
        // The output is what it is without a report.
        assertSameDecisions(partFiles(out), batchDecisions);
    }

    @Test
    void theReportComparesWithoutGenotypesAsBatchDoes() throws IOException {
        Path out = dir.resolve("reported-without-genotypes");
        Path report = dir.resolve("report-without-genotypes");
        SparkBatch.readjudicate(spark, options("--in", requests.toString(), "--out", out.toString(), "--out-format",
                "decisions", "--formulary", formulary.toString(), "--report", report.toString(),
                "--compare-without-genotypes"), (byte[]) null);

        JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
        assertThat(json.at("/comparison/compared").asLong()).isEqualTo(batchDecisions.size());
        assertThat(json.at("/comparison/moved").asLong()).isPositive();
        assertSameReport(json, batchReportWithoutGenotypes, partFiles(out));
    }

    @Test
    void theReportComparesWithAnotherFormularyAsBatchDoes() throws IOException {
        Path out = dir.resolve("reported-other-formulary");
        Path report = dir.resolve("report-other-formulary");
        SparkBatch.readjudicate(spark, options("--in", firstLines(500).toString(), "--out", out.toString(),
                "--out-format", "decisions", "--formulary", formulary.toString(), "--report", report.toString(),
                "--baseline-formulary", otherFormulary.toString(), "--min-group-size", "20"), (byte[]) null);

        JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
        assertThat(json.at("/comparison/compared").asLong()).isEqualTo(500);
        assertSameReport(json, batchReportOtherFormulary, partFiles(out));
        // With a report already there, the job refuses before deciding anything unless told to overwrite.
        assertThatThrownBy(() -> SparkBatch.readjudicate(spark, options("--in", firstLines(500).toString(), "--out",
                dir.resolve("again").toString(), "--report", report.toString()), (byte[]) null))
                .hasMessageContaining("already holds report.html");
        assertThat(dir.resolve("again")).doesNotExist();
    }

    @Test
    void theRequestTextNeverCrossesAShuffle() throws Exception {
        // Repeated ids are found from (request id, line) pairs; the lines are decided where they were read.
        ShuffleBytes shuffled = new ShuffleBytes();
        spark.sparkContext().addSparkListener(shuffled);
        try {
            SparkBatch.readjudicate(spark, options("--in", requests.toString(), "--out",
                    dir.resolve("shuffle").toString(), "--out-format", "decisions", "--formulary",
                    formulary.toString()), (byte[]) null);
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(shuffled);
        }
        assertThat(shuffled.bytes.get()).isPositive().isLessThan(Files.size(requests) / 4);
    }

    @Test
    void reportOptionsAreCheckedAsBatchChecksThem() {
        assertThat(usageError("--compare-without-genotypes")).contains("give --report DIR too");
        assertThat(usageError("--report", "r", "--compare-without-genotypes", "--baseline-formulary",
                formulary.toString())).contains("not both");
        assertThat(usageError("--report", "r", "--min-group-size", "0")).contains("--min-group-size 0");
        assertThat(usageError("--report", "r", "--equity-threshold", "101")).contains("--equity-threshold 101");
        JobOptions options = options("--in", "x", "--out", "y", "--report", "r", "--equity-threshold", "2.5",
                "--min-group-size", "7", "--baseline-formulary", formulary.toString());
        assertThat(options.reportShape().gapThresholdPoints()).isEqualTo(2.5);
        assertThat(options.reportShape().minGroupSize()).isEqualTo(7);
        assertThat(options.baseline()).isEqualTo(JobOptions.Baseline.FORMULARY);
    }

    private static String usageError(String... reportOptions) {
        List<String> args = new ArrayList<>(List.of("--in", "x", "--out", "y"));
        args.addAll(List.of(reportOptions));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkBatch.run(args.toArray(String[]::new), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * The Spark report's JSON is batch's, but for the time it was made. When a request ran out of the engine's time
     * budget in one run only (a loaded machine; see {@link #assertSameDecisions}), only the totals can agree.
     */
    private static void assertSameReport(JsonNode spark, JsonNode batch, List<String> sparkDecisions) {
        ObjectNode actual = spark.deepCopy();
        ObjectNode expected = batch.deepCopy();
        assertThat(actual.get("generatedAt").asText()).isNotEmpty();
        actual.remove("generatedAt");
        expected.remove("generatedAt");
        boolean outOfTime = sparkDecisions.stream().anyMatch(d -> d.contains(OUT_OF_TIME))
                || batchDecisions.stream().anyMatch(d -> d.contains(OUT_OF_TIME));
        if (outOfTime) {
            assertThat(actual.at("/header/requests")).isEqualTo(expected.at("/header/requests"));
        } else {
            assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
        }
    }

    /** Bytes written to shuffle files by the tasks that ended while it listened. */
    private static final class ShuffleBytes extends SparkListener {
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                bytes.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
            }
        }
    }

    /** Fails the first attempt of the task that decides line 200, after that task has written earlier lines. */
    private static final class FailOnce implements SparkBatch.LineHook {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger FAILURES = new AtomicInteger();

        @Override
        public void beforeLine(long line, org.apache.spark.TaskContext task) {
            if (line == 200 && task.attemptNumber() == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure before line 200");
            }
        }
    }

    private static List<String> batchInputLines() {
        try {
            String text = Files.readString(requests);
            return List.of(text.substring(0, text.length() - 1).split("\n", -1)).stream()
                    .map(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Line for line the same bytes. The one exception allowed is the engine's time budget: on a loaded machine a
     * cold engine may run out of time on a request in one run and not in the other, and says so in the decision.
     */
    private static void assertSameDecisions(List<String> actual, List<String> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        int outOfTime = 0;
        for (int i = 0; i < expected.size(); i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                assertThat(actual.get(i).contains(OUT_OF_TIME) || expected.get(i).contains(OUT_OF_TIME))
                        .as("line %d: %s%nbatch: %s", i + 1, actual.get(i), expected.get(i)).isTrue();
                outOfTime++;
            }
        }
        assertThat(outOfTime).as("lines out of time in one run only").isLessThanOrEqualTo(expected.size() / 100);
    }

    /** The first lines of the requests, as a file of their own. */
    private static Path firstLines(int count) {
        try {
            return Files.write(dir.resolve("first-" + count + ".ndjson"), batchInputLines().subList(0, count));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String requestIdOf(String line) {
        return org.precisionformulary.engine.BatchLines.requestIdOf(line);
    }

    private static JobOptions options(String... args) {
        return JobOptions.parse(args);
    }

    /** The text part files in name order, their lines concatenated. */
    private static List<String> partFiles(Path out) throws IOException {
        assertThat(out.resolve("_SUCCESS")).exists();
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
