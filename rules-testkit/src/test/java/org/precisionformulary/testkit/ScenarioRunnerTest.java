// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.testkit.ScenarioResult.Status;

/** The scenario format and its matching rules, each shown on a small suite written to a temporary directory. */
class ScenarioRunnerTest {

    private static final String CODEINE_POOR_METABOLIZER = """
            { "requestId": "T-1", "serviceDate": "2026-11-20", "member": { "id": "M-1" },
              "drug": { "name": "codeine" }, "genotypes": [ { "gene": "CYP2D6", "diplotype": "*4/*4" } ] }""";

    /** Clopidogrel, no indication: three candidate populations, one Strong and two Moderate avoids, three alerts. */
    private static final String CLOPIDOGREL_POPULATION_UNKNOWN = """
            { "requestId": "T-2", "serviceDate": "2026-11-20", "member": { "id": "M-2" },
              "drug": { "name": "clopidogrel" }, "genotypes": [ { "gene": "CYP2C19", "diplotype": "*2/*2" } ] }""";

    @TempDir
    Path dir;

    private static ScenarioRunner runner;

    @BeforeAll
    static void build() {
        runner = ScenarioRunner.builder().build();
    }

    private static String scenario(String request, String expect) {
        return "{ \"description\": \"test scenario\", \"request\": " + request + ", \"expect\": " + expect + " }";
    }

    private Path write(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private ScenarioResult runOne(String expect) throws IOException {
        write("case.json", scenario(CODEINE_POOR_METABOLIZER, expect));
        return single(runner.run(dir));
    }

    private static ScenarioResult single(List<ScenarioResult> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void aScenarioThatHoldsPasses() throws IOException {
        ScenarioResult result = runOne("""
                { "outcome": "REJECTED", "rejectCodes": ["88"], "tier": 1,
                  "findings": [ { "drug": "codeine", "action": "AVOID", "classification": "Strong",
                                  "genes": { "CYP2D6": "Poor Metabolizer" } } ],
                  "alternatives": ["hydromorphone", "morphine", "oxycodone"], "durAlerts": [],
                  "firedRules": ["codeine / CYP2D6 activity score 0.0 -> avoid"] }""");

        assertThat(result.status()).isEqualTo(Status.PASSED);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.report()).isEqualTo("PASS case.json");
    }

    @Test
    void aWrongExpectationFailsWithEveryMismatchTheFiredRulesAndTheDecision() throws IOException {
        ScenarioResult result = runOne("""
                { "outcome": "APPROVED", "rejectCodes": [], "tier": 1,
                  "findings": [ { "drug": "codeine", "action": "STANDARD", "genes": { "CYP2D6": "Normal Metabolizer" } } ] }""");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.mismatches()).extracting(Mismatch::toString).containsExactly(
                "outcome: expected \"APPROVED\" / actual \"REJECTED\"",
                "rejectCodes: expected [] / actual [\"88\"]",
                "findings[0].action: expected \"STANDARD\" / actual \"AVOID\" in findings[0], the closest",
                "findings[0].genes.CYP2D6: expected \"Normal Metabolizer\" / actual \"Poor Metabolizer\" in findings[0], the closest");
        assertThat(result.report())
                .startsWith("FAIL case.json: test scenario\n    file: " + dir.resolve("case.json"))
                .contains("\n    outcome: expected \"APPROVED\" / actual \"REJECTED\"\n")
                .contains("\n    fired rules:\n      - ")
                .contains("codeine / CYP2D6 activity score 0.0 -> avoid")
                .contains("\n    decision:\n      {\n        \"contractVersion\" : 1,")
                .contains("\"outcome\" : \"REJECTED\"");
    }

    @Test
    void theNcpdpFieldsGivenAreCheckedAgainstWhatTheDecisionMapsTo() throws IOException {
        assertThat(runOne("{ \"ncpdp\": { \"112-AN\": \"R\", \"510-FA\": 1, \"511-FB\": [\"88\"] } }").passed()).isTrue();

        ScenarioResult wrong = runOne("{ \"ncpdp\": { \"112-AN\": \"P\", \"511-FB\": [\"76\"], \"999-ZZ\": \"x\" } }");
        assertThat(wrong.mismatches()).extracting(Mismatch::toString).containsExactly(
                "ncpdp.112-AN: expected \"P\" / actual \"R\"",
                "ncpdp.511-FB: expected [\"76\"] / actual [\"88\"]",
                "ncpdp.999-ZZ: expected \"x\" / actual (absent)");
    }

    @Test
    void onlyTheKeysPresentAreChecked() throws IOException {
        assertThat(runOne("{ \"outcome\": \"REJECTED\" }").passed()).isTrue();
        assertThat(runOne("{ }").passed()).isTrue();
    }

    @Test
    void aTierOfNullMeansTheDrugIsNotCovered() throws IOException {
        write("case.json", scenario(CODEINE_POOR_METABOLIZER.replace("codeine", "oxymorphone"),
                "{ \"outcome\": \"REJECTED\", \"rejectCodes\": [\"70\"], \"tier\": null }"));
        assertThat(single(runner.run(dir)).passed()).isTrue();
    }

    @Test
    void eachExpectedElementNeedsItsOwnActualElement() throws IOException {
        write("two.json", scenario(CLOPIDOGREL_POPULATION_UNKNOWN, """
                { "findings": [ { "classification": "Moderate" }, { "classification": "Moderate" } ] }"""));
        write("three.json", scenario(CLOPIDOGREL_POPULATION_UNKNOWN, """
                { "findings": [ { "classification": "Moderate" }, { "classification": "Moderate" },
                                { "classification": "Moderate" } ] }"""));
        write("four.json", scenario(CLOPIDOGREL_POPULATION_UNKNOWN, """
                { "findings": [ { "action": "AVOID" }, { "action": "AVOID" }, { "action": "AVOID" }, { "action": "AVOID" } ] }"""));
        // Listed first, the broad expectation must not take the one element the narrow one can match.
        write("order.json", scenario(CLOPIDOGREL_POPULATION_UNKNOWN, """
                { "findings": [ { "action": "AVOID" }, { "population": "CVI ACS PCI" } ], "findingsCount": 3 }"""));

        List<ScenarioResult> results = runner.run(dir);

        assertThat(results).extracting(ScenarioResult::name)
                .containsExactly("four.json", "order.json", "three.json", "two.json");
        assertThat(results.get(0).mismatches()).extracting(Mismatch::toString).containsExactly(
                "findings[3]: expected {\"action\":\"AVOID\"} / actual nothing left: the decision has 3 findings, "
                        + "each matched by another expected element");
        assertThat(results.get(1).passed()).isTrue();
        assertThat(results.get(2).mismatches()).extracting(Mismatch::toString).containsExactly(
                "findings[2].classification: expected \"Moderate\" / actual \"Strong\" in findings[0], the closest");
        assertThat(results.get(3).passed()).isTrue();
    }

    @Test
    void anEmptyListMeansNoneAndCountsAreExact() throws IOException {
        write("case.json", scenario(CLOPIDOGREL_POPULATION_UNKNOWN, """
                { "durAlerts": [], "findingsCount": 2, "exceptionsCount": 0 }"""));

        ScenarioResult result = single(runner.run(dir));

        assertThat(result.mismatches()).hasSize(2);
        assertThat(result.mismatches().get(0).toString())
                .startsWith("durAlerts: expected none / actual 3: {\"reasonCode\":\"DL\",\"severity\":\"MAJOR\"");
        assertThat(result.mismatches().get(1).toString()).startsWith("findingsCount: expected 2 / actual 3: {");
    }

    @Test
    void alternativesByNameAreAnExactOrderedListAndAsObjectsASubset() throws IOException {
        assertThat(runOne("{ \"alternatives\": [\"oxycodone\", \"morphine\", \"hydromorphone\"] }").mismatches())
                .extracting(Mismatch::toString).containsExactly("alternatives: expected [\"oxycodone\",\"morphine\","
                        + "\"hydromorphone\"] / actual [\"hydromorphone\",\"morphine\",\"oxycodone\"]");
        assertThat(runOne("{ \"alternatives\": [ { \"drug\": \"morphine\", \"tier\": 2 } ] }").passed()).isTrue();
    }

    @Test
    void firedRulesAreASubsetNotFiredMustNotHaveFiredAndMisspeltRuleNamesNeverPass() throws IOException {
        ScenarioResult result = runOne("""
                { "firedRules": ["codeine / CYP2D6 activity score 0.0 -> avoid", "codeine / CYP2D6 activity score 0 -> avoid"],
                  "notFired": ["codeine / CYP2D6 activity score 0.0 -> avoid"] }""");

        assertThat(result.mismatches()).extracting(Mismatch::toString).containsExactly(
                "firedRules[1]: expected \"codeine / CYP2D6 activity score 0 -> avoid\" / actual no rule of that name in the "
                        + "pack (did you mean \"codeine / CYP2D6 activity score 0.0 -> avoid\"?)",
                "notFired[0]: expected \"codeine / CYP2D6 activity score 0.0 -> avoid\" not to fire / actual it fired");
    }

    @Test
    void aTypoInExpectFailsWhenTheFileIsReadNotSilentlyLater() throws IOException {
        Path file = write("typo.json", scenario(CODEINE_POOR_METABOLIZER, "{ \"outcom\": \"REJECTED\" }"));

        assertThatThrownBy(() -> Scenario.read(file, "typo.json"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file + ": expect.outcom: unknown key (did you mean \"outcome\"?); expect may hold ");
    }

    @Test
    void unknownFieldsAndValuesOutsideTheVocabularyAreErrorsToo() throws IOException {
        Path field = write("field.json", scenario(CODEINE_POOR_METABOLIZER, "{ \"findings\": [ { \"gene\": {} } ] }"));
        Path action = write("action.json", scenario(CODEINE_POOR_METABOLIZER, "{ \"findings\": [ { \"action\": \"AVOIDED\" } ] }"));
        Path outcome = write("outcome.json", scenario(CODEINE_POOR_METABOLIZER, "{ \"outcome\": \"DENIED\" }"));
        Path count = write("count.json", scenario(CODEINE_POOR_METABOLIZER, "{ \"findings\": [], \"findingsCount\": 1 }"));

        assertThatThrownBy(() -> Scenario.read(field, "f")).hasMessageContaining(
                "expect.findings[0].gene: unknown field (did you mean \"genes\"?)");
        assertThatThrownBy(() -> Scenario.read(action, "a")).hasMessageContaining(
                "expect.findings[0].action: \"AVOIDED\" is not one of AVOID, CONSIDER_ALTERNATIVE");
        assertThatThrownBy(() -> Scenario.read(outcome, "o")).hasMessageContaining(
                "expect.outcome: \"DENIED\" is not one of APPROVED, APPROVED_WITH_EXCEPTION");
        assertThatThrownBy(() -> Scenario.read(count, "c")).hasMessageContaining(
                "expect.findingsCount: is 1 but the list itself is [] (none)");
    }

    @Test
    void aFileThatCannotBeReadIsOneFailedResultAndTheRunGoesOn() throws IOException {
        write("a-broken.json", "{ \"description\": \"cut off\", ");
        write("b-no-request.json", "{ \"description\": \"no request\", \"expect\": {} }");
        write("c-good.json", scenario(CODEINE_POOR_METABOLIZER, "{ \"outcome\": \"REJECTED\" }"));

        List<ScenarioResult> results = runner.run(dir);

        assertThat(results).extracting(ScenarioResult::status).containsExactly(Status.FAILED, Status.FAILED, Status.PASSED);
        assertThat(results.get(0).report()).startsWith("FAIL a-broken.json: cannot use this scenario file: is not JSON: ")
                .contains("(line 1, column").doesNotContain("\tat ");
        assertThat(results.get(1).report()).isEqualTo("FAIL b-no-request.json: cannot use this scenario file: request: "
                + "is missing; give the request object, or requestText for deliberately malformed input");
    }

    @Test
    void requestTextCarriesInputThatIsNotAValidRequest() throws IOException {
        write("case.json", """
                { "description": "not JSON", "requestText": "{\\"requestId\\": \\"R\\", ",
                  "expect": { "outcome": "PHARMACIST_REVIEW", "errors": [ { "field": "$" } ], "errorsCount": 1 } }""");
        write("both.json", "{ \"description\": \"d\", \"request\": {}, \"requestText\": \"{}\", \"expect\": {} }");

        List<ScenarioResult> results = runner.run(dir);

        assertThat(results.get(0).problem()).isEqualTo("cannot use this scenario file: request and requestText: give one, not both");
        assertThat(results.get(1).passed()).isTrue();
    }

    @Test
    void aFileMayHoldAnArrayOfScenarios() throws IOException {
        write("many.json", "[" + scenario(CODEINE_POOR_METABOLIZER, "{ \"outcome\": \"REJECTED\" }") + ", "
                + scenario(CODEINE_POOR_METABOLIZER.replace("*4/*4", "*1/*1"), "{ \"outcome\": \"APPROVED\" }") + "]");

        List<ScenarioResult> results = runner.run(dir);

        assertThat(results).extracting(ScenarioResult::name).containsExactly("many.json[0]", "many.json[1]");
        assertThat(results).allMatch(ScenarioResult::passed);
    }

    @Test
    void aScenarioMayNameAFormularyBesideItOrCarryOneAndFormularyFilesAreNotScenarios() throws IOException {
        String alerting = """
                { "formularyId": "ALERTING", "policy": { "pgxStrongAvoid": "ALERT", "pgxDurReasonCode": "PP" },
                  "drugs": [ { "drug": "codeine", "tier": 3, "class": "opioid" } ] }""";
        String expect = "{ \"outcome\": \"APPROVED\", \"tier\": 3, \"durAlerts\": [ { \"severity\": \"MAJOR\", \"reasonCode\": \"PP\" } ] }";
        write("shared/alerting.formulary.json", alerting);
        write("cases/by-path.json", "{ \"description\": \"d\", \"formulary\": \"../shared/alerting.formulary.json\", "
                + "\"request\": " + CODEINE_POOR_METABOLIZER + ", \"expect\": " + expect + " }");
        write("cases/inline.json", "{ \"description\": \"d\", \"formulary\": " + alerting + ", "
                + "\"request\": " + CODEINE_POOR_METABOLIZER + ", \"expect\": " + expect + " }");
        write("cases/missing.json", "{ \"description\": \"d\", \"formulary\": \"nowhere.formulary.json\", "
                + "\"request\": " + CODEINE_POOR_METABOLIZER + ", \"expect\": {} }");

        List<ScenarioResult> results = runner.run(dir);

        assertThat(results).extracting(ScenarioResult::name)
                .containsExactly("cases/by-path.json", "cases/inline.json", "cases/missing.json");
        assertThat(results.get(0).passed()).isTrue();
        assertThat(results.get(1).passed()).isTrue();
        assertThat(results.get(2).problem()).startsWith("cannot use this scenario file: formulary: nowhere.formulary.json "
                + "(resolved against the scenario's folder to ").endsWith("does not exist");
    }

    @Test
    void aPendingScenarioIsReportedWhileItFailsAndFailsOnceItPasses() throws IOException {
        write("a-still-wrong.json", "{ \"description\": \"d\", \"pending\": \"engine issue 12\", \"request\": "
                + CODEINE_POOR_METABOLIZER + ", \"expect\": { \"outcome\": \"APPROVED\" } }");
        write("b-fixed.json", "{ \"description\": \"d\", \"pending\": \"engine issue 13\", \"request\": "
                + CODEINE_POOR_METABOLIZER + ", \"expect\": { \"outcome\": \"REJECTED\" } }");

        List<ScenarioResult> results = runner.run(dir);

        assertThat(results.get(0).status()).isEqualTo(Status.PENDING);
        assertThat(results.get(0).report()).isEqualTo("PENDING a-still-wrong.json: engine issue 12\n"
                + "    outcome: expected \"APPROVED\" / actual \"REJECTED\"");
        assertThat(results.get(1).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(1).report()).contains("marked pending (engine issue 13) but it passes now: remove \"pending\"");
    }

    @Test
    void requestsWithoutAServiceDateAreDecidedOnTheFixedEvaluationDate() throws IOException {
        assertThat(ScenarioRunner.EVALUATION_DATE).isEqualTo(LocalDate.of(2026, 11, 20));
        String fill = "\"history\": [ { \"drug\": \"tramadol\", \"filledOn\": \"%s\", \"daysSupply\": 30 } ] }";
        String request = "{ \"requestId\": \"T-3\", \"member\": { \"id\": \"M-3\" }, \"drug\": { \"name\": \"codeine\" }, ";
        write("a-day-before.json", scenario(request + fill.formatted("2026-11-19"), "{ \"outcome\": \"APPROVED\" }"));
        write("b-day-after.json", scenario(request + fill.formatted("2026-11-21"),
                "{ \"outcome\": \"PHARMACIST_REVIEW\", \"errors\": [ { \"field\": \"history[0].filledOn\" } ] }"));

        assertThat(runner.run(dir)).allMatch(ScenarioResult::passed);
    }

    @Test
    void aMissingDirectoryIsAnErrorAndAnEmptyOneHasNoScenario() throws IOException {
        assertThatThrownBy(() -> runner.run(dir.resolve("absent")))
                .isInstanceOf(ScenarioException.class).hasMessageEndingWith("absent: does not exist");
        write("README.md", "not a scenario");
        assertThat(runner.run(dir)).isEmpty();
    }
}
