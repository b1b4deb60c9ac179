// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void badThreadCountAndReportAreUsageErrors() throws Exception {
        Path in = Files.writeString(dir.resolve("in.ndjson"), "\n", StandardCharsets.UTF_8);
        String out = dir.resolve("out.ndjson").toString();

        assertThat(Cli.run("batch", "--in", in.toString(), "--out", out, "--threads", "0").exitCode()).isEqualTo(2);
        assertThat(Cli.run("batch", "--in", in.toString(), "--out", out, "--threads", "two").exitCode()).isEqualTo(2);
        Cli report = Cli.run("batch", "--in", in.toString(), "--out", out, "--report", "r.html");
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err()).contains("--report is not supported yet");
    }
}
