// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.model.json.ContractJson;

class EvaluateCommandTest {

    private static final String CODEINE_POOR_METABOLIZER = "{\"requestId\":\"F1\",\"member\":{\"id\":\"M1\"},"
            + "\"drug\":{\"name\":\"codeine\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}]}";

    @Test
    void codeineForCyp2d6PoorMetabolizerFromStdinCitesTheStrongAvoid() throws Exception {
        Cli cli = Cli.runWithInput(CODEINE_POOR_METABOLIZER, "evaluate");

        assertThat(cli.exitCode()).isZero();
        JsonNode decision = ContractJson.mapper().readTree(cli.out());
        assertThat(decision.path("contractVersion").asInt()).isEqualTo(1);
        assertThat(decision.path("requestId").asText()).isEqualTo("F1");
        JsonNode codeine = null;
        for (JsonNode finding : decision.path("findings")) {
            if (finding.path("drug").asText().equals("codeine")) {
                codeine = finding;
            }
        }
        assertThat(codeine).as("the codeine finding in %s", cli.out()).isNotNull();
        assertThat(codeine.path("genes").path("CYP2D6").asText()).isEqualTo("Poor Metabolizer");
        assertThat(codeine.path("action").asText()).isEqualTo("AVOID");
        assertThat(codeine.path("classification").asText()).isEqualTo("Strong");
        assertThat(codeine.path("guidelineId").asText()).isEqualTo("PA166104996");
        assertThat(codeine.path("pmids")).isNotEmpty();
    }

    @Test
    void standardOutputIsOneJsonDocumentAndNothingElse() throws Exception {
        Cli cli = Cli.runWithInput(CODEINE_POOR_METABOLIZER, "evaluate");

        // readTree would stop after the first value; the parser must find nothing after it.
        try (var parser = ContractJson.mapper().createParser(cli.out())) {
            assertThat(parser.readValueAsTree().isObject()).isTrue();
            assertThat(parser.nextToken()).isNull();
        }
        assertThat(cli.out()).endsWith("}\n");
    }

    @Test
    void readsTheRequestFromAFileAndGivesTheSameDecisionAsStdin(@TempDir Path dir) throws Exception {
        Path request = Files.writeString(dir.resolve("request.json"), CODEINE_POOR_METABOLIZER, StandardCharsets.UTF_8);

        Cli fromFile = Cli.run("evaluate", request.toString());
        Cli fromStdin = Cli.runWithInput(CODEINE_POOR_METABOLIZER, "evaluate", "-");

        assertThat(fromFile.exitCode()).isZero();
        assertThat(fromFile.out()).isEqualTo(fromStdin.out());
    }

    @Test
    void badRequestIsAPharmacistReviewDecisionAndStillExitsZero() throws Exception {
        Cli cli = Cli.runWithInput("{\"requestId\":\"F2\",\"member\":{\"id\":\"M1\"},\"drug\":{\"name\":\"codeine\"},"
                + "\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*999/*1\"}]}", "evaluate");

        assertThat(cli.exitCode()).isZero();
        JsonNode decision = ContractJson.mapper().readTree(cli.out());
        assertThat(decision.path("outcome").asText()).isEqualTo("PHARMACIST_REVIEW");
        assertThat(decision.path("errors").get(0).path("field").asText()).isEqualTo("genotypes[0].diplotype");
    }

    @Test
    void missingRequestFileIsAUsageError(@TempDir Path dir) {
        Cli cli = Cli.run("evaluate", dir.resolve("absent.json").toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("absent.json does not exist").contains("Usage:");
    }

    @Test
    void invalidFormularyFailsTheCheckWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path formulary = Files.writeString(dir.resolve("formulary.json"), "{ not json", StandardCharsets.UTF_8);

        Cli cli = Cli.runWithInput(CODEINE_POOR_METABOLIZER, "evaluate", "--formulary", formulary.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("formulary.json").doesNotContain("\tat ");
    }

    @Test
    void ncpdpPrintsTheResponseFieldsASwitchSends() throws Exception {
        String codeine = "{\"requestId\":\"N1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M1\"},"
                + "\"drug\":{\"name\":\"codeine\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}]}";
        Cli cli = Cli.runWithInput(codeine, "evaluate", "--ncpdp");
        assertThat(cli.exitCode()).isZero();
        JsonNode fields = ContractJson.mapper().readTree(cli.out());
        assertThat(fields.path("112-AN").asText()).isEqualTo("R");
        assertThat(fields.path("511-FB").get(0).asText()).isEqualTo("88");
        assertThat(fields.path("526-FQ").get(0).asText()).startsWith("PGx hard stop");
    }

    @Test
    void pharmcatResultsBecomeTheRequestsGenotypesAndUncalledGenesAreUntested() throws Exception {
        String capecitabine = "{\"requestId\":\"P1\",\"member\":{\"id\":\"M1\"},\"drug\":{\"name\":\"capecitabine\"}}";
        Cli cli = Cli.runWithInput(capecitabine, "evaluate", "--pharmcat", "src/test/resources/pharmcat/Sample_1.phenotype.json");
        assertThat(cli.exitCode()).isZero();
        JsonNode decision = ContractJson.mapper().readTree(cli.out());
        // Sample_1 is a DPYD poor metabolizer (activity score 0.0): a Strong avoid, so the claim stops.
        assertThat(decision.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(decision.path("findings").get(0).path("lookupKey").path("DPYD").asText()).isEqualTo("0.0");
        assertThat(decision.path("reasons").toString()).contains("CYP2D6 was reported as not called (No Result)");
        assertThat(cli.err()).contains("could not call");
    }

    /** PharmCAT's published examples sit with the importer's tests. */
    private static final String EXAMPLES = "../rules-content/src/test/resources/pharmcat/";

    @Test
    void aPharmcatV211ResultInTheNestedLayoutStopsClopidogrelForThePoorMetabolizer() throws Exception {
        String clopidogrel = "{\"requestId\":\"P3\",\"member\":{\"id\":\"M1\"},\"drug\":{\"name\":\"clopidogrel\"},"
                + "\"indication\":\"CVI ACS PCI\"}";
        Cli cli = Cli.runWithInput(clopidogrel, "evaluate", "--pharmcat", EXAMPLES + "v2.11-example2.phenotype.json");

        assertThat(cli.exitCode()).isZero();
        JsonNode decision = ContractJson.mapper().readTree(cli.out());
        assertThat(decision.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(decision.path("rejectCodes").get(0).asText()).isEqualTo("88");
        JsonNode finding = decision.path("findings").get(0);
        assertThat(finding.path("drug").asText()).isEqualTo("clopidogrel");
        assertThat(finding.path("genes").path("CYP2C19").asText()).isEqualTo("Poor Metabolizer");
        assertThat(finding.path("classification").asText()).isEqualTo("Strong");
        assertThat(finding.path("action").asText()).isEqualTo("AVOID");
        assertThat(decision.path("errors")).isEmpty();
        // The layout's section keys are not genes.
        assertThat(cli.err()).doesNotContain("reported CPIC").doesNotContain("DPWG");
    }

    @Test
    void aPharmcatResultWithHlaB5701StopsAbacavir() throws Exception {
        String abacavir = "{\"requestId\":\"P4\",\"member\":{\"id\":\"M1\"},\"drug\":{\"name\":\"abacavir\"}}";
        Cli cli = Cli.runWithInput(abacavir, "evaluate", "--pharmcat", EXAMPLES + "v2.11-example1.phenotype.json");

        JsonNode decision = ContractJson.mapper().readTree(cli.out());
        assertThat(decision.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(decision.path("rejectCodes").get(0).asText()).isEqualTo("88");
        assertThat(decision.path("findings").get(0).path("lookupKey").path("HLA-B").asText()).isEqualTo("*57:01 positive");
        // MT-RNR1 1555A>G came as n/a: read through CPIC's own allele table, with a note, not sent for review.
        assertThat(decision.path("errors")).isEmpty();
        assertThat(cli.err()).contains("MT-RNR1 as 1555A>G with no phenotype (n/a); CPIC's MT-RNR1 table reads it as");
        // The import's notes stay with the decision they shaped, first among its reasons.
        assertThat(decision.path("reasons").get(0).asText()).startsWith("--pharmcat: PharmCAT");
        assertThat(decision.path("reasons").toString()).contains("MT-RNR1 as 1555A>G with no phenotype (n/a)");
    }

    @Test
    void aFileThatIsNoPharmcatResultIsAClearErrorNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("odd.phenotype.json"),
                "{\"geneReports\": {\"CPIC\": {\"CYP2C19\": {\"callSource\": \"MATCHER\"}}, \"DPWG\": {}}}");
        Cli cli = Cli.runWithInput("{\"requestId\":\"P5\",\"member\":{\"id\":\"M1\"},\"drug\":{\"name\":\"clopidogrel\"}}",
                "evaluate", "--pharmcat", file.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("--pharmcat").contains(file.toString())
                .contains("geneReports.CPIC.CYP2C19.recommendationDiplotypes is missing")
                .doesNotContain("Usage:").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aPharmcatFileThatIsNotJsonIsAClearErrorToo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("truncated.phenotype.json"), "{\"geneReports\": {\"CYP2C19\": ");
        Cli cli = Cli.run("evaluate", "--pharmcat", file.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains(file.toString()).contains("not JSON").contains("line 1")
                .doesNotContain("Usage:").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void outsideCallsAreAddedToo() throws Exception {
        String codeine = "{\"requestId\":\"P2\",\"member\":{\"id\":\"M1\"},\"drug\":{\"name\":\"codeine\"}}";
        Cli cli = Cli.runWithInput(codeine, "evaluate", "--outside-calls", "src/test/resources/pharmcat/outside_CYP2D6.tsv");
        JsonNode decision = ContractJson.mapper().readTree(cli.out());
        assertThat(decision.path("findings").get(0).path("genes").path("CYP2D6").asText()).isEqualTo("Poor Metabolizer");
        assertThat(decision.path("rejectCodes").get(0).asText()).isEqualTo("88");
    }

    @Test
    void aMemberIdKeyPutsTheKeyedHashInTheAuditAndTheIdNowhere(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("member.key"), "0123456789abcdef-plan-key\n");
        Cli hashed = Cli.runWithInput(CODEINE_POOR_METABOLIZER, "evaluate", "--member-id-key", key.toString());
        Cli again = Cli.runWithInput(CODEINE_POOR_METABOLIZER, "evaluate", "--member-id-key", key.toString());

        assertThat(hashed.exitCode()).isZero();
        String hash = ContractJson.mapper().readTree(hashed.out()).path("audit").path("memberIdHash").asText();
        assertThat(hash).hasSize(64).isEqualTo(ContractJson.mapper().readTree(again.out()).path("audit")
                .path("memberIdHash").asText());
        assertThat(hashed.out()).doesNotContain("\"M1\"");
        assertThat(Cli.runWithInput(CODEINE_POOR_METABOLIZER, "evaluate").out()).doesNotContain("memberIdHash");
    }

    @Test
    void aShortMemberIdKeyIsAUsageErrorNamingTheOption(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("member.key"), "short\n");
        Cli cli = Cli.runWithInput(CODEINE_POOR_METABOLIZER, "evaluate", "--member-id-key", key.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--member-id-key").contains("holds 5 bytes").doesNotContain("Exception");
    }

    @Test
    void anOutsideCallFileGivenAsPharmcatOutputNamesTheOptionItBelongsTo() {
        Path tsv = Path.of("src/test/resources/pharmcat/outside_CYP2D6.tsv");

        Cli cli = Cli.run("evaluate", "--pharmcat", tsv.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).startsWith("precision-formulary: evaluate: --pharmcat " + tsv + " is tab-separated text")
                .contains("give it with --outside-calls").contains("Usage: precision-formulary evaluate")
                .doesNotContain("Unrecognized token").doesNotContain("JSON String");
    }

    @Test
    void phenotyperOutputGivenAsOutsideCallsNamesTheOptionItBelongsTo() {
        Path json = Path.of("src/test/resources/pharmcat/Sample_1.phenotype.json");

        Cli cli = Cli.run("evaluate", "--outside-calls", json.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--outside-calls " + json + " is JSON").contains("give it with --pharmcat")
                .doesNotContain("unknown gene");
    }
}
