// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit.junit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.precisionformulary.testkit.Scenario;
import org.precisionformulary.testkit.ScenarioException;
import org.precisionformulary.testkit.ScenarioResult;
import org.precisionformulary.testkit.ScenarioRunner;

/**
 * A plan's scenario suite as JUnit 5 tests: one dynamic test per scenario file, named after its path under
 * the suite, so a failure points at the file to open; a file holding an array of scenarios becomes a container
 * with one test per scenario. A failing scenario fails its test with {@link ScenarioResult#report()}; a pending
 * one (a known engine issue, still failing) is aborted, which JUnit shows as skipped with the reason; a file
 * that cannot be read fails its test with the file, the key and why.
 *
 * <pre>{@code
 * class PlanScenariosTest {
 *     @TestFactory
 *     Stream<DynamicNode> everyScenarioHolds() {
 *         ScenarioRunner runner = ScenarioRunner.builder()
 *                 .rulePack(RulePack.fromDirectory(Path.of("src/main/pack")))
 *                 .build();
 *         return ScenarioTests.of(Path.of("src/test/scenarios"), runner);
 *     }
 * }
 * }</pre>
 *
 * Needs {@code junit-jupiter-api} on the test class path, which the test kit declares optional: a plan's test
 * suite brings its own.
 */
public final class ScenarioTests {

    private ScenarioTests() {
    }

    /**
     * The suite's scenarios run against the built-in pack and the demo formulary.
     *
     * @param suite a suite directory (see {@link Scenario#findFiles})
     * @return one node per scenario file, in path order, for a {@code @TestFactory} to return
     * @throws org.opentest4j.AssertionFailedError when the directory holds no scenario file: an empty run is
     *                                             more likely a wrong path than a suite that holds
     * @throws ScenarioException                   when the directory does not exist or cannot be listed
     * @throws NullPointerException                when the suite is {@code null}
     */
    public static Stream<DynamicNode> of(Path suite) {
        return of(suite, ScenarioRunner.builder().build());
    }

    /**
     * The suite's scenarios run by the given runner: the plan's pack and formulary.
     *
     * @param suite  a suite directory (see {@link Scenario#findFiles})
     * @param runner the runner, built with the pack and formulary to test; the tests run on JUnit's thread,
     *               one after another, as a runner requires
     * @return one node per scenario file, in path order, for a {@code @TestFactory} to return
     * @throws org.opentest4j.AssertionFailedError when the directory holds no scenario file
     * @throws ScenarioException                   when the directory does not exist or cannot be listed
     * @throws NullPointerException                when an argument is {@code null}
     */
    public static Stream<DynamicNode> of(Path suite, ScenarioRunner runner) {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(runner, "runner");
        List<Path> files = Scenario.findFiles(suite);
        if (files.isEmpty()) {
            Assertions.fail("no scenario file (*.json) under " + suite.toAbsolutePath().normalize());
        }
        return files.stream().map(file -> node(suite, file, runner));
    }

    private static DynamicNode node(Path suite, Path file, ScenarioRunner runner) {
        String name = Scenario.nameIn(suite, file);
        // No file URI as the test source: Surefire 3.5 silently drops dynamic tests whose source is a file.
        List<Scenario> scenarios;
        try {
            scenarios = Scenario.read(file, name);
        } catch (ScenarioException e) {
            return DynamicTest.dynamicTest(name, () -> Assertions.fail(e.getMessage()));
        }
        if (scenarios.size() == 1) {
            return DynamicTest.dynamicTest(name, () -> check(runner.run(scenarios.get(0))));
        }
        return DynamicContainer.dynamicContainer(name, scenarios.stream().map(s ->
                DynamicTest.dynamicTest(s.name() + " " + s.description(), () -> check(runner.run(s)))));
    }

    private static void check(ScenarioResult result) {
        switch (result.status()) {
            case PASSED -> { }
            // A known engine issue: shown as skipped with its reason, and failing once the engine is fixed.
            case PENDING -> Assumptions.abort(result.report());
            case FAILED -> Assertions.fail(result.report());
            default -> throw new IllegalStateException(result.status().toString());
        }
    }
}
