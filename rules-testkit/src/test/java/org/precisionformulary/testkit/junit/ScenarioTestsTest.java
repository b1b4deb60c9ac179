// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.testkit.ScenarioRunner;

/** A suite becomes one dynamic test per file, and each test passes, fails or is skipped as its scenario did. */
class ScenarioTestsTest {

    private static final String CODEINE_POOR_METABOLIZER = """
            { "requestId": "T-1", "serviceDate": "2026-11-20", "member": { "id": "M-1" },
              "drug": { "name": "codeine" }, "genotypes": [ { "gene": "CYP2D6", "diplotype": "*4/*4" } ] }""";

    private static ScenarioRunner runner;

    @BeforeAll
    static void build() {
        runner = ScenarioRunner.builder().build();
    }

    private static String scenario(String extra, String outcome) {
        return "{ \"description\": \"codeine, poor metabolizer\", " + extra + "\"request\": " + CODEINE_POOR_METABOLIZER
                + ", \"expect\": { \"outcome\": \"" + outcome + "\" } }";
    }

    private static void write(Path suite, String name, String json) throws IOException {
        Path file = suite.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    private static Throwable outcome(DynamicTest test) {
        try {
            test.getExecutable().execute();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void eachFileIsOneTestNamedByItsPathAndAnArrayFileIsAContainer(@TempDir Path suite) throws IOException {
        write(suite, "a-holds.json", scenario("", "REJECTED"));
        write(suite, "b/wrong.json", scenario("", "APPROVED"));
        write(suite, "c-pending.json", scenario("\"pending\": \"engine issue 7\", ", "APPROVED"));
        write(suite, "d-broken.json", "{ \"description\": \"no request\", \"expect\": {} }");
        write(suite, "e-two.json", "[" + scenario("", "REJECTED") + ", " + scenario("", "APPROVED") + "]");

        List<DynamicNode> nodes = ScenarioTests.of(suite, runner).toList();

        assertThat(nodes).extracting(DynamicNode::getDisplayName)
                .containsExactly("a-holds.json", "b/wrong.json", "c-pending.json", "d-broken.json", "e-two.json");
        assertThat(outcome((DynamicTest) nodes.get(0))).isNull();
        assertThat(outcome((DynamicTest) nodes.get(1))).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("FAIL b/wrong.json").hasMessageContaining("outcome");
        assertThat(outcome((DynamicTest) nodes.get(2))).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("engine issue 7");
        assertThat(outcome((DynamicTest) nodes.get(3))).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("d-broken.json").hasMessageContaining("request");
        List<DynamicTest> two = ((DynamicContainer) nodes.get(4)).getChildren().map(DynamicTest.class::cast).toList();
        assertThat(two).hasSize(2);
        assertThat(outcome(two.get(0))).isNull();
        assertThat(outcome(two.get(1))).isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void aPlansSuiteRunsAgainstThePlansPack(@TempDir Path root) throws IOException {
        Path pack = LocalPack.overBuiltIn("plan").drl("local/plan.drl", """
                package local;
                import org.precisionformulary.model.fact.RequestedDrug;

                rule "plan: notes every codeine request"
                    @concern("plan policy")
                when
                    RequestedDrug( drug == "codeine" )
                then
                end
                """).writeTo(root.resolve("pack"));
        Path suite = root.resolve("scenarios");
        write(suite, "notes-codeine.json", "{ \"description\": \"the plan rule fires\", \"request\": "
                + CODEINE_POOR_METABOLIZER + ", \"expect\": { \"outcome\": \"REJECTED\", "
                + "\"firedRules\": [\"plan: notes every codeine request\"] } }");

        ScenarioRunner planRunner = ScenarioRunner.builder().rulePack(RulePack.fromDirectory(pack)).build();
        List<DynamicNode> nodes = ScenarioTests.of(suite, planRunner).toList();

        assertThat(nodes).singleElement().satisfies(node -> assertThat(outcome((DynamicTest) node)).isNull());
        assertThat(outcome((DynamicTest) ScenarioTests.of(suite, runner).toList().get(0)))
                .as("the same suite against the built-in pack alone").isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no rule of that name in the pack");
    }

    @Test
    void anEmptySuiteFailsRatherThanPassingWithNothingRun(@TempDir Path suite) {
        assertThatThrownBy(() -> ScenarioTests.of(suite, runner)).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no scenario file");
    }
}
