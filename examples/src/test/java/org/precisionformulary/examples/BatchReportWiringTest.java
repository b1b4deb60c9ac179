// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.model.json.ContractJson;

/** {@code batch --report}: the report files, their settings, baselines, and a report rebuilt by a resumed run. */
class BatchReportWiringTest {

    /** A plan that lists the opioids only, at flat tiers, and knows nothing of pharmacogenomics. */
    private static final String BASELINE_FORMULARY = """
            {"formularyId": "BASELINE-TEST", "policy": {},
             "drugs": [ {"drug": "codeine", "tier": 1, "class": "opioid-analgesic"},
                        {"drug": "tramadol", "tier": 1, "class": "opioid-analgesic"},
                        {"drug": "morphine", "tier": 3, "class": "opioid-analgesic"} ]}
            """;

    @TempDir
    Path dir;

    private Path input() throws Exception {
        StringBuilder text = new StringBuilder();
        String[][] kinds = {{"codeine", "CYP2D6", "*4/*4"}, {"codeine", "CYP2D6", "*1/*1"},
                {"clopidogrel", "CYP2C19", "*2/*2"}, {"clopidogrel", "CYP2C19", "*1/*1"}};
        for (int i = 0; i < 40; i++) {
            String[] k = kinds[i % kinds.length];
            text.append("{\"requestId\":\"P").append(i).append("\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M")
                    .append(i).append("\",\"monitoringGroup\":\"group-").append(i % 2 == 0 ? "a" : "b")
                    .append("\"},\"drug\":{\"name\":\"").append(k[0]).append("\"},\"genotypes\":[{\"gene\":\"")
                    .append(k[1]).append("\",\"diplotype\":\"").append(k[2]).append("\"}]}\n");
        }
        text.append("not json\n");
        return Files.writeString(dir.resolve("in.ndjson"), text, StandardCharsets.UTF_8);
    }

    private static JsonNode figures(Path json) throws Exception {
        ObjectNode node = (ObjectNode) ContractJson.mapper().readTree(Files.readString(json, StandardCharsets.UTF_8));
        node.remove("generatedAt");
        return node;
    }

    @Test
    void aReportRunWritesTheHtmlAndTheJsonBesideItWithTheGivenSettings() throws Exception {
        Path in = input();
        Path html = dir.resolve("committee.html");

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", dir.resolve("out.ndjson").toString(),
                "--report", html.toString(), "--equity-threshold", "2.5", "--min-group-size", "3", "--threads", "2");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("<html").contains("in.ndjson");
        JsonNode figures = figures(dir.resolve("committee.json"));
        assertThat(figures.path("title").asText()).isEqualTo("Batch re-adjudication report: in.ndjson");
        assertThat(figures.path("header").path("requests").asLong()).isEqualTo(41);
        assertThat(figures.path("header").path("formularyId").asText()).isEqualTo("DEMO-2026");
        assertThat(figures.toString()).contains("2.5");
        assertThat(figures.path("comparison").isMissingNode() || figures.path("comparison").isNull()).isTrue();
    }

    @Test
    void aBaselineFormularyRunComparesEveryRequestWithThatPlanWithoutGenotypes() throws Exception {
        Path in = input();
        Path baseline = Files.writeString(dir.resolve("baseline.json"), BASELINE_FORMULARY, StandardCharsets.UTF_8);
        Path html = dir.resolve("r.html");

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", dir.resolve("out.ndjson").toString(),
                "--report", html.toString(), "--baseline-formulary", baseline.toString(), "--threads", "2");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode comparison = figures(dir.resolve("r.json")).path("comparison");
        assertThat(comparison.path("compared").asLong()).isEqualTo(41);
        // Clopidogrel is not on the baseline plan (70) and is on the demo plan: those claims now pay. Codeine for a
        // poor metaboliser paid without genotypes and is stopped with them.
        assertThat(comparison.path("towardPaying").asLong()).isEqualTo(20);
        assertThat(comparison.path("awayFromPaying").asLong()).isEqualTo(10);
        // The output is the demo plan's decisions, as without a baseline.
        assertThat(Files.readAllLines(dir.resolve("out.ndjson"))).hasSize(41)
                .allSatisfy(line -> assertThat(line).doesNotContain("BASELINE-TEST"));
    }

    @Test
    void comparingWithoutGenotypesUsesTheSameFormulary() throws Exception {
        Path in = input();
        Path html = dir.resolve("r.html");

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", dir.resolve("out.ndjson").toString(),
                "--report", html.toString(), "--compare-without-genotypes");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode comparison = figures(dir.resolve("r.json")).path("comparison");
        assertThat(comparison.path("compared").asLong()).isEqualTo(41);
        assertThat(comparison.path("awayFromPaying").asLong()).isEqualTo(10);
        assertThat(comparison.path("higherCostShare").asLong()).isZero();
    }

    @Test
    void aResumedRunRebuildsTheReportOfTheWholeInput() throws Exception {
        Path in = input();
        Path whole = dir.resolve("whole.ndjson");
        Cli uninterrupted = Cli.run("batch", "--in", in.toString(), "--out", whole.toString(),
                "--report", dir.resolve("whole.html").toString(), "--compare-without-genotypes");
        assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isZero();
        List<String> lines = Files.readAllLines(whole, StandardCharsets.UTF_8);
        Path out = Files.writeString(dir.resolve("out.ndjson"),
                String.join("\n", lines.subList(0, 17)) + "\n" + lines.get(17).substring(0, 40), StandardCharsets.UTF_8);

        Cli resumed = Cli.run("batch", "--in", in.toString(), "--out", out.toString(), "--resume", "--threads", "2",
                "--report", dir.resolve("resumed.html").toString(), "--compare-without-genotypes");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactlyElementsOf(lines);
        assertThat(figures(dir.resolve("resumed.json"))).isEqualTo(figures(dir.resolve("whole.json")));
    }

    @Test
    void aResumedReportRefusesAnOutputThatIsNotDecisions() throws Exception {
        Path in = input();
        Path out = Files.writeString(dir.resolve("out.ndjson"), "{\"contractVersion\":1,\"outcome\":\"APPROVED\"}\nnot a decision\n",
                StandardCharsets.UTF_8);

        Cli cli = Cli.run("batch", "--in", in.toString(), "--out", out.toString(), "--resume",
                "--report", dir.resolve("r.html").toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("batch: --resume: output line 2 is not a decision");
    }
}
