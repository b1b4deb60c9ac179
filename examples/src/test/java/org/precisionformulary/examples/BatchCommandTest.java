// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.json.ContractJson;

class BatchCommandTest {

    @TempDir
    Path dir;

    private static String request(String id, String drug, String gene, String diplotype) {
        return "{\"requestId\":\"" + id + "\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M-" + id + "\"},"
                + "\"drug\":{\"name\":\"" + drug + "\"},\"genotypes\":[{\"gene\":\"" + gene + "\",\"diplotype\":\""
                + diplotype + "\"}]}";
    }

    @Test
    void everyInputLineGetsExactlyOneDecisionLineInOrder() throws Exception {
        List<String> input = List.of(
                request("B1", "codeine", "CYP2D6", "*4/*4"),
                "this is not JSON",
                "",
                request("B4", "codeine", "CYP9Z9", "*1/*1"),
                request("B5", "codeine", "CYP2D6", "*1/*1"),
                "   ",
                "[1, 2, 3]",
                request("B8", "oxymorphone", "CYP2D6", "*1/*1"));
        // CRLF on one line and no newline after the last: neither may add or lose a line.
        String text = String.join("\n", input.subList(0, 4)) + "\r\n" + String.join("\n", input.subList(4, input.size()));
        Path in = Files.writeString(dir.resolve("in.ndjson"), text, StandardCharsets.UTF_8);
        Path out = dir.resolve("out.ndjson");

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", out.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEmpty();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSameSizeAs(input);
        List<String> ids = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (String line : lines) {
            JsonNode decision = ContractJson.mapper().readTree(line);
            ids.add(decision.path("requestId").asText(null));
            outcomes.add(decision.path("outcome").asText());
        }
        assertThat(ids).containsExactly("B1", null, null, "B4", "B5", null, null, "B8");
        assertThat(outcomes).containsExactly("REJECTED", "PHARMACIST_REVIEW", "PHARMACIST_REVIEW",
                "PHARMACIST_REVIEW", "APPROVED", "PHARMACIST_REVIEW", "PHARMACIST_REVIEW", "REJECTED");
        assertThat(cli.err()).contains("batch: done, 8 lines")
                .contains("APPROVED 1").contains("REJECTED 2").contains("PHARMACIST_REVIEW 5");
    }

    @Test
    void withNcpdpEveryLineGetsItsResponseFieldsInOrder() throws Exception {
        Path in = Files.writeString(dir.resolve("in.ndjson"), String.join("\n",
                request("N1", "codeine", "CYP2D6", "*4/*4"), "not JSON", request("N3", "codeine", "CYP2D6", "*1/*1"),
                request("N4", "oxymorphone", "CYP2D6", "*1/*1")) + "\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("out.ndjson");

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", out.toString(), "--ncpdp", "--threads", "2");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            lines.add(ContractJson.mapper().readTree(line));
        }
        assertThat(lines).extracting(l -> l.path("requestId").asText(null)).containsExactly("N1", null, "N3", "N4");
        assertThat(lines).extracting(l -> l.path("fields").path("112-AN").asText()).containsExactly("R", "R", "P", "R");
        assertThat(lines.get(0).path("fields").path("511-FB").get(0).asText()).isEqualTo("88");
        assertThat(lines.get(3).path("fields").path("511-FB").get(0).asText()).isEqualTo("70");
        assertUsageError("--resume reads the decisions already in OUT", "--in", in.toString(), "--out",
                out.toString(), "--ncpdp", "--resume");
    }

    @Test
    void twoThreadsWriteExactlyWhatOneThreadWrites() throws Exception {
        String[][] kinds = {
                {"codeine", "CYP2D6", "*4/*4"}, {"codeine", "CYP2D6", "*1/*1"}, {"codeine", "CYP2D6", "*1/*4"},
                {"clopidogrel", "CYP2C19", "*2/*2"}, {"clopidogrel", "CYP2C19", "*1/*17"},
                {"abacavir", "HLA-B", "*57:01/*08:01"}, {"ondansetron", "CYP2D6", "*1/*2x≥3"},
                {"oxymorphone", "CYP2D6", "*1/*1"}, {"codeine", "CYP2D6", "*999/*1"}};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            if (i % 37 == 5) {
                text.append("not json ").append(i).append('\n');
            } else if (i % 61 == 11) {
                // Long enough to close a task before it has its full count of lines.
                text.append("{\"requestId\":\"L").append(i).append("\",\"pad\":\"").append("x".repeat(
                        BatchCommand.CHARS_PER_TASK)).append("\"}\n");
            } else if (i % 41 == 7) {
                text.append('\n');
            } else {
                String[] k = kinds[i % kinds.length];
                text.append(request("T" + i, k[0], k[1], k[2])).append('\n');
            }
        }
        Path in = Files.writeString(dir.resolve("in.ndjson"), text, StandardCharsets.UTF_8);
        Path single = dir.resolve("single.ndjson");
        Path parallel = dir.resolve("parallel.ndjson");

        Cli one = Cli.run("batch", "--in", in.toString(), "--out", single.toString());
        Cli two = Cli.run("batch", "--in", in.toString(), "--out", parallel.toString(), "--threads", "2");

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(two.exitCode()).as(two.err()).isZero();
        List<String> expected = Files.readAllLines(single, StandardCharsets.UTF_8);
        assertThat(expected).hasSize(200);
        // Several buffered blocks, so the block boundaries are crossed too.
        assertThat(Files.size(single)).isGreaterThan(4L * LineOutput.FLUSH_BYTES);
        assertThat(Files.readAllLines(parallel, StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
    }

    @Test
    void missingInputIsAUsageError() {
        Cli cli = Cli.run("batch", "--out", dir.resolve("out.ndjson").toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("batch: --in is required").contains("Usage:");
    }

    @Test
    void outputOverTheInputIsRefusedBeforeItCanTruncateIt() throws Exception {
        String request = request("S1", "codeine", "CYP2D6", "*1/*1");
        Path in = Files.writeString(dir.resolve("in.ndjson"), request + "\n", StandardCharsets.UTF_8);

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", in.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(Files.readString(in, StandardCharsets.UTF_8)).isEqualTo(request + "\n");
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() throws Exception {
        Path in = Files.writeString(dir.resolve("in.ndjson"), "\n", StandardCharsets.UTF_8);
        String out = dir.resolve("out.ndjson").toString();
        String report = dir.resolve("r.html").toString();

        assertUsageError("--threads takes a whole number from 1 to 256", "--in", in.toString(), "--out", out, "--threads", "0");
        assertUsageError("--threads takes a whole number", "--in", in.toString(), "--out", out, "--threads", "two");
        assertUsageError("--equity-threshold takes a number from 0 to 100, not 'five'",
                "--in", in.toString(), "--out", out, "--report", report, "--equity-threshold", "five");
        assertUsageError("--equity-threshold takes a number from 0 to 100, not '150'",
                "--in", in.toString(), "--out", out, "--report", report, "--equity-threshold", "150");
        assertUsageError("--min-group-size takes a whole number from 1",
                "--in", in.toString(), "--out", out, "--report", report, "--min-group-size", "0");
        assertUsageError("--equity-threshold shapes the report; give --report R.html too",
                "--in", in.toString(), "--out", out, "--equity-threshold", "3");
        assertUsageError("--compare-without-genotypes shapes the report",
                "--in", in.toString(), "--out", out, "--compare-without-genotypes");
        assertUsageError("give --baseline-formulary F or --compare-without-genotypes, not both",
                "--in", in.toString(), "--out", out, "--report", report, "--compare-without-genotypes",
                "--baseline-formulary", in.toString());
        assertUsageError("--baseline-formulary " + dir.resolve("none.json") + " does not exist",
                "--in", in.toString(), "--out", out, "--report", report, "--baseline-formulary",
                dir.resolve("none.json").toString());
        assertUsageError("Invalid value for option '--resume': 'yes' is not a boolean",
                "--in", in.toString(), "--out", out, "--resume=yes");
        assertUsageError("option '--resume' should be specified only once",
                "--in", in.toString(), "--out", out, "--resume", "--resume");
        assertUsageError("--report " + dir.resolve("r.txt") + " must name an .html file",
                "--in", in.toString(), "--out", out, "--report", dir.resolve("r.txt").toString());
        assertUsageError("--report: " + dir.resolve("out.json") + " would overwrite --in or --out",
                "--in", in.toString(), "--out", dir.resolve("out.html").toString().replace(".html", ".json"),
                "--report", dir.resolve("out.html").toString());
        assertThat(Files.exists(Path.of(out))).as("nothing is written on a usage error").isFalse();
    }

    private static void assertUsageError(String message, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "batch";
        System.arraycopy(args, 0, all, 1, args.length);
        Cli cli = Cli.run(all);
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).contains("batch: " + message).contains("Usage: precision-formulary batch --in IN.ndjson")
                .doesNotContain("\tat ").doesNotContain("phenotype");
    }

    private Path inputOf(int count) throws Exception {
        String[][] kinds = {
                {"codeine", "CYP2D6", "*4/*4"}, {"codeine", "CYP2D6", "*1/*1"}, {"clopidogrel", "CYP2C19", "*2/*2"},
                {"clopidogrel", "CYP2C19", "*1/*17"}, {"abacavir", "HLA-B", "*57:01/*08:01"},
                {"oxymorphone", "CYP2D6", "*1/*1"}};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String[] k = kinds[i % kinds.length];
            text.append(i % 50 == 17 ? "not json " + i : request("R" + i, k[0], k[1], k[2])).append('\n');
        }
        return Files.writeString(dir.resolve("in-" + count + ".ndjson"), text, StandardCharsets.UTF_8);
    }

    private Path uninterrupted(Path in) {
        Path reference = dir.resolve("reference.ndjson");
        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", reference.toString(), "--threads", "2");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        return reference;
    }

    @Test
    void aBatchKilledMidRunLeavesWholeLinesAndResumesToTheSameOutput() throws Exception {
        Path in = inputOf(1200);
        Path reference = uninterrupted(in);
        Path out = dir.resolve("out.ndjson");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // The child gets the same budget as this JVM: on a loaded machine the default 2 s can run out, and a
        // time-out decided differently from the reference run is not what this test is about.
        Process batch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-D" + PrecisionFormulary.EVALUATION_BUDGET_PROPERTY + "="
                        + System.getProperty(PrecisionFormulary.EVALUATION_BUDGET_PROPERTY, "30000"),
                "-cp", classPath, Main.class.getName(), "batch", "--in", in.toString(),
                "--out", out.toString(), "--threads", "2")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        boolean killedMidRun;
        try {
            // Kill as soon as the first block of lines lands: well before the last line is decided.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (batch.isAlive() && (!Files.exists(out) || Files.size(out) == 0) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            killedMidRun = batch.isAlive();
        } finally {
            batch.destroyForcibly();
            batch.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(killedMidRun).as(Files.readString(dir.resolve("stderr.txt"))).isTrue();

        String interrupted = Files.readString(out, StandardCharsets.UTF_8);
        List<String> expected = Files.readAllLines(reference, StandardCharsets.UTF_8);
        List<String> kept = interrupted.lines().toList();
        assertThat(interrupted).isNotEmpty().endsWith("\n");
        assertThat(kept.size()).isLessThan(expected.size());
        assertThat(kept).containsExactlyElementsOf(expected.subList(0, kept.size()));

        Cli resumed = Cli.run("batch", "--in", in.toString(), "--out", out.toString(), "--threads", "2", "--resume");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resumed after line " + kept.size())
                .contains("batch: done, " + String.format(Locale.ROOT, "%,d", expected.size() - kept.size()) + " lines");
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
    }

    @Test
    void resumeDropsAPartialLastLineAndAppendsTheRest() throws Exception {
        Path in = inputOf(60);
        Path reference = uninterrupted(in);
        List<String> expected = Files.readAllLines(reference, StandardCharsets.UTF_8);
        Path out = dir.resolve("out.ndjson");
        String half = expected.get(25).substring(0, expected.get(25).length() / 2);
        Files.writeString(out, String.join("\n", expected.subList(0, 25)) + "\n" + half, StandardCharsets.UTF_8);

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", out.toString(), "--resume");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).contains("batch: done, 35 lines").contains("resumed after line 25");
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
    }

    @Test
    void resumeOnAFinishedOutputWritesNothingAndWithoutOutputStartsFromScratch() throws Exception {
        Path in = inputOf(12);
        Path reference = uninterrupted(in);
        Path out = dir.resolve("out.ndjson");

        Cli fresh = Cli.run("batch", "--in", in.toString(), "--out", out.toString(), "--resume");
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(Files.readString(reference));

        Cli again = Cli.run("batch", "--in", in.toString(), "--out", out.toString(), "--resume");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("batch: done, 0 lines").contains("resumed after line 12");
        assertThat(Files.readString(out)).isEqualTo(Files.readString(reference));
    }

    @Test
    void resumeRefusesAnOutputWithMoreLinesThanTheInputAndLeavesItAlone() throws Exception {
        Path in = inputOf(3);
        Path out = Files.writeString(dir.resolve("out.ndjson"), "{}\n{}\n{}\n{}\n{\"partial", StandardCharsets.UTF_8);

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", out.toString(), "--resume");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("batch: --resume: " + out + " has 4 decision lines but --in has only 3");
        assertThat(Files.readString(out)).isEqualTo("{}\n{}\n{}\n{}\n{\"partial");
    }

    @Test
    void withoutResumeAnExistingOutputIsOverwritten() throws Exception {
        Path in = inputOf(3);
        Path out = Files.writeString(dir.resolve("out.ndjson"), "old\nold\nold\nold\nold\n", StandardCharsets.UTF_8);

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", out.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(3).noneMatch(line -> line.equals("old"));
    }

    @Test
    void aRepeatedRequestIdIsReviewedNamingItsFirstLineWithOneOrTwoThreads() throws Exception {
        String first = request("D1", "codeine", "CYP2D6", "*1/*1");
        List<String> input = List.of(
                first,
                request("D2", "codeine", "CYP2D6", "*4/*4"),
                first,
                "not json, so no id",
                "not json, so no id",
                request("D2", "oxymorphone", "CYP2D6", "*1/*1"),
                "{\"requestId\":\"D1\",\"member\":{\"id\":\"M\"}",
                "{\"requestId\":\"D3\"}",
                "{\"requestId\":\"D3\"}",
                "{\"requestId\":\"\"}",
                "{\"requestId\":\"\"}",
                request("D1", "codeine", "CYP2D6", "*1/*1"));
        Path in = Files.writeString(dir.resolve("in.ndjson"), String.join("\n", input) + "\n", StandardCharsets.UTF_8);
        Path one = dir.resolve("one.ndjson");
        Path two = dir.resolve("two.ndjson");

        Cli single = Cli.run("batch", "--in", in.toString(), "--out", one.toString());
        Cli parallel = Cli.run("batch", "--in", in.toString(), "--out", two.toString(), "--threads", "2");

        assertThat(single.exitCode()).as(single.err()).isZero();
        assertThat(parallel.exitCode()).as(parallel.err()).isZero();
        List<String> lines = Files.readAllLines(one, StandardCharsets.UTF_8);
        assertThat(Files.readAllLines(two, StandardCharsets.UTF_8)).containsExactlyElementsOf(lines);
        List<String> duplicateErrors = new ArrayList<>();
        for (String line : lines) {
            JsonNode decision = ContractJson.mapper().readTree(line);
            JsonNode errors = decision.path("errors");
            duplicateErrors.add(errors.size() == 1 && errors.get(0).path("field").asText().equals("requestId")
                    && errors.get(0).path("message").asText().startsWith("duplicate")
                    ? decision.path("outcome").asText() + " " + errors.get(0).path("message").asText() : "-");
        }
        // Broken JSON (line 7) and blank ids have no id to repeat; the first of each id is decided normally.
        assertThat(duplicateErrors).containsExactly("-", "-", "PHARMACIST_REVIEW duplicate of line 1", "-", "-",
                "PHARMACIST_REVIEW duplicate of line 2", "-", "-", "PHARMACIST_REVIEW duplicate of line 8", "-", "-",
                "PHARMACIST_REVIEW duplicate of line 1");
        JsonNode repeat = ContractJson.mapper().readTree(lines.get(2));
        assertThat(repeat.path("requestId").asText()).isEqualTo("D1");
        assertThat(repeat.path("audit").path("inputSha256").asText())
                .isEqualTo(ContractJson.mapper().readTree(lines.get(0)).path("audit").path("inputSha256").asText());
        assertThat(ContractJson.mapper().readTree(lines.get(0)).path("outcome").asText()).isEqualTo("APPROVED");
        assertThat(single.err()).contains("; 4 duplicate request ids");
    }

    @Test
    void idsOfLinesAResumedRunSkipsStillCountAsSeen() throws Exception {
        String first = request("S1", "codeine", "CYP2D6", "*1/*1");
        Path in = Files.writeString(dir.resolve("in.ndjson"),
                first + "\n" + request("S2", "codeine", "CYP2D6", "*1/*1") + "\n" + first + "\n", StandardCharsets.UTF_8);
        Path reference = uninterrupted(in);
        List<String> expected = Files.readAllLines(reference, StandardCharsets.UTF_8);
        Path out = Files.writeString(dir.resolve("out.ndjson"), expected.get(0) + "\n" + expected.get(1) + "\n",
                StandardCharsets.UTF_8);

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", out.toString(), "--resume");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
        assertThat(expected.get(2)).contains("duplicate of line 1");
    }
    @Test
    void pastTheIdCapRepeatsAreDecidedAsNewAndTheSummarySaysFromWhere() throws Exception {
        List<String> ids = List.of("A", "B", "A", "C", "A", "D");
        StringBuilder text = new StringBuilder();
        for (String id : ids) {
            text.append(request(id, "codeine", "CYP2D6", "*1/*1")).append('\n');
        }
        Path in = Files.writeString(dir.resolve("in.ndjson"), text, StandardCharsets.UTF_8);
        Path out = dir.resolve("out.ndjson");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BatchCommand batch = new BatchCommand(PrecisionFormulary.builder().build(), null, null, new RequestIds(2),
                new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), System::nanoTime, Files.size(in)));

        try (BatchCommand.CountingInputStream input = new BatchCommand.CountingInputStream(Files.newInputStream(in));
             Lines lines = new Lines(input)) {
            batch.run(lines, input, out, ResumePoint.START, 1);
        }

        List<String> errors = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            errors.add(ContractJson.mapper().readTree(line).path("errors").path(0).path("message").asText("-"));
        }
        // Line 3 repeats A while ids are checked; from line 4 (a third distinct id) on, nothing is.
        assertThat(errors).containsExactly("-", "-", "duplicate of line 1", "-", "-", "-");
        assertThat(batch.summary()).contains("; 1 duplicate request ids (checked up to line 3; 3 later lines with an id"
                + " not checked)");
    }
}
