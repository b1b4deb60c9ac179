// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ScenariosCommandTest {

    private static final String CODEINE_POOR_METABOLIZER = """
            { "requestId": "S-1", "serviceDate": "2026-11-20", "member": { "id": "M-1" },
              "drug": { "name": "codeine" }, "genotypes": [ { "gene": "CYP2D6", "diplotype": "*4/*4" } ] }""";

    @TempDir
    Path dir;

    private void write(String name, String description, String expect) throws IOException {
        Files.writeString(dir.resolve(name), "{ \"description\": \"" + description + "\", \"request\": "
                + CODEINE_POOR_METABOLIZER + ", \"expect\": " + expect + " }", StandardCharsets.UTF_8);
    }

    private static String lastLine(String out) {
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void theBuiltInSuitePasses() {
        Cli cli = Cli.run("scenarios", "../rules-content/src/test/scenarios");

        assertThat(cli.out()).doesNotContain("FAIL ");
        assertThat(lastLine(cli.out())).matches("[1-9][0-9]+ passed, 0 failed");
        assertThat(cli.exitCode()).isZero();
    }

    @Test
    void aDeliberatelyWrongScenarioFailsWithAReadableDiffAndExitOne() throws IOException {
        write("a-right.json", "poor metabolizer is stopped", "{ \"outcome\": \"REJECTED\", \"rejectCodes\": [\"88\"] }");
        write("b-wrong.json", "poor metabolizer wrongly expected to pay",
                "{ \"outcome\": \"APPROVED\", \"findings\": [ { \"drug\": \"codeine\", \"action\": \"STANDARD\" } ] }");

        Cli cli = Cli.run("scenarios", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).startsWith("PASS a-right.json\nFAIL b-wrong.json: poor metabolizer wrongly expected to pay\n")
                .contains("    outcome: expected \"APPROVED\" / actual \"REJECTED\"\n")
                .contains("    findings[0].action: expected \"STANDARD\" / actual \"AVOID\" in findings[0], the closest\n")
                .contains("    fired rules:\n      - ")
                .contains("      - codeine / CYP2D6 activity score 0.0 -> avoid\n")
                .contains("    decision:\n      {\n");
        assertThat(lastLine(cli.out())).isEqualTo("1 passed, 1 failed");
    }

    @Test
    void aFileThatIsNotAScenarioCountsAsFailedWithItsReasonAndNoStackTrace() throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{ \"description\": ", StandardCharsets.UTF_8);
        write("typo.json", "typo", "{ \"outcomes\": \"REJECTED\" }");

        Cli cli = Cli.run("scenarios", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).contains("FAIL broken.json: cannot use this scenario file: is not JSON: ")
                .contains("FAIL typo.json: cannot use this scenario file: expect.outcomes: unknown key (did you mean \"outcome\"?)")
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(lastLine(cli.out())).isEqualTo("0 passed, 2 failed");
    }

    @Test
    void pendingScenariosAreListedButCountedNeitherWay() throws IOException {
        Files.writeString(dir.resolve("pending.json"), "{ \"description\": \"d\", \"pending\": \"known engine issue\", "
                + "\"request\": " + CODEINE_POOR_METABOLIZER + ", \"expect\": { \"outcome\": \"APPROVED\" } }");

        Cli cli = Cli.run("scenarios", dir.toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("PENDING pending.json: known engine issue\n")
                .endsWith("1 pending (known engine issues, counted neither passed nor failed)\n0 passed, 0 failed\n");
    }

    @Test
    void theFormularyOptionIsTheDefaultForScenariosThatNameNone() throws IOException {
        Path formulary = Files.writeString(dir.resolve("alerting.formulary.json"), """
                { "formularyId": "ALERTING", "policy": { "pgxStrongAvoid": "ALERT" },
                  "drugs": [ { "drug": "codeine", "tier": 2, "class": "opioid" } ] }""", StandardCharsets.UTF_8);
        write("alert.json", "pays with an alert", "{ \"outcome\": \"APPROVED\", \"tier\": 2, \"durAlertsCount\": 1 }");

        Cli cli = Cli.run("scenarios", dir.toString(), "--formulary", formulary.toString());

        assertThat(cli.out()).isEqualTo("PASS alert.json\n1 passed, 0 failed\n");
        assertThat(cli.exitCode()).isZero();
    }

    @Test
    void oneScenarioFileCanBeRunOnItsOwn() throws IOException {
        write("one.json", "stopped", "{ \"outcome\": \"REJECTED\" }");

        Cli cli = Cli.run("scenarios", dir.resolve("one.json").toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(lastLine(cli.out())).isEqualTo("1 passed, 0 failed");
    }

    @Test
    void coverageListsFiredRulesPerDrlFileAndKeepsTheSummaryLast() throws IOException {
        write("stopped.json", "poor metabolizer is stopped", "{ \"outcome\": \"REJECTED\" }");

        Cli cli = Cli.run("scenarios", dir.toString(), "--coverage");

        assertThat(cli.exitCode()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("PASS stopped.json");
        assertThat(lines.get(1)).isEqualTo("rule coverage:");
        assertThat(lines).anyMatch(l -> l.matches(" *[1-9][0-9]*/22 +[1-9][0-9]?%  cpic/codeine-cyp2d6\\.drl"))
                .anyMatch(l -> l.matches(" *0/206 +0%  cpic/amitriptyline-cyp2c19-cyp2d6\\.drl"))
                .anyMatch(l -> l.matches(" *[1-9][0-9]*/[0-9]+ +[0-9]+%  all files"))
                .contains("never fired:", "  cpic/amitriptyline-cyp2c19-cyp2d6.drl: 206 rules", "  cpic/abacavir-hla-b.drl:")
                .anyMatch(l -> l.startsWith("    - abacavir / HLA-B"));
        assertThat(lastLine(cli.out())).isEqualTo("1 passed, 0 failed");
    }

    @Test
    void coverageOfTheBuiltInSuiteFiresEveryRoutingFile() {
        Cli cli = Cli.run("scenarios", "--coverage", "../rules-content/src/test/scenarios");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).containsPattern("(?m)^ *[1-9][0-9]*/[0-9]+ +[0-9]+%  routing/step-therapy\\.drl$")
                .doesNotContainPattern("(?m)^ *0/[0-9]+ +0%  routing/");
        assertThat(lastLine(cli.out())).matches("[1-9][0-9]+ passed, 0 failed");
    }

    @Test
    void withoutCoverageThereIsNoTableAndTheFlagIsTakenOnce() throws IOException {
        write("stopped.json", "stopped", "{ \"outcome\": \"REJECTED\" }");

        Cli plain = Cli.run("scenarios", dir.toString());
        Cli twice = Cli.run("scenarios", "--coverage", dir.toString(), "--coverage");

        assertThat(plain.out()).isEqualTo("PASS stopped.json\n1 passed, 0 failed\n");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).startsWith("precision-formulary: scenarios: option '--coverage' should be specified only once\n");
    }

    @Test
    void aDirectoryWithoutScenariosFails() {
        Cli cli = Cli.run("scenarios", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).isEqualTo("0 passed, 0 failed\n");
        assertThat(cli.err()).contains("no scenario file (*.json) under " + dir);
    }

    @Test
    void aMissingDirectoryOrNoneAtAllIsAUsageError() {
        Cli missing = Cli.run("scenarios", dir.resolve("absent").toString());
        Cli none = Cli.run("scenarios");
        Cli badPack = Cli.run("scenarios", dir.toString(), "--pack", dir.resolve("no-pack").toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("precision-formulary: scenarios: " + dir.resolve("absent") + " does not exist\n");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("precision-formulary: scenarios: Missing required parameter: 'DIR'\n");
        assertThat(badPack.exitCode()).isEqualTo(2);
        assertThat(badPack.err()).contains("--pack " + dir.resolve("no-pack") + " is not a directory");
    }

    @Test
    void junitXmlHasOneTestcasePerScenarioAndTheMismatchesOfEachFailure() throws Exception {
        write("a-right.json", "poor metabolizer is stopped", "{ \"outcome\": \"REJECTED\" }");
        write("b-wrong.json", "poor metabolizer wrongly expected to pay", "{ \"outcome\": \"APPROVED\" }");
        Files.writeString(dir.resolve("c-pending.json"), "{ \"description\": \"d\", \"pending\": \"known engine issue\", "
                + "\"request\": " + CODEINE_POOR_METABOLIZER + ", \"expect\": { \"outcome\": \"APPROVED\" } }");
        Path xml = dir.resolve("out").resolve("scenarios.xml");
        Files.createDirectories(xml.getParent());

        Cli cli = Cli.run("scenarios", dir.toString(), "--junit-xml", xml.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(lastLine(cli.out())).isEqualTo("1 passed, 1 failed");
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element passed = (Element) cases.item(0);
        Element failed = (Element) cases.item(1);
        Element pending = (Element) cases.item(2);
        assertThat(passed.getAttribute("name")).isEqualTo("a-right.json");
        assertThat(passed.getChildNodes().getLength()).isZero();
        assertThat(failed.getAttribute("name")).isEqualTo("b-wrong.json");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("outcome: expected \"APPROVED\" / actual \"REJECTED\"");
        assertThat(failure.getTextContent()).startsWith("FAIL b-wrong.json: poor metabolizer wrongly expected to pay")
                .contains("fired rules:");
        assertThat(pending.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void junitXmlInAMissingDirectoryIsAUsageErrorBeforeAnythingRuns() throws IOException {
        write("a-right.json", "poor metabolizer is stopped", "{ \"outcome\": \"REJECTED\" }");

        Cli cli = Cli.run("scenarios", dir.toString(), "--junit-xml", dir.resolve("no/such/dir/x.xml").toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("scenarios: --junit-xml ").contains("does not exist")
                .contains("Usage: precision-formulary scenarios");
    }
}
