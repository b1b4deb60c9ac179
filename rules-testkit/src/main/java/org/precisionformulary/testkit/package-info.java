// SPDX-License-Identifier: Apache-2.0
/**
 * Regression scenarios written as data: one JSON file holds a coverage request and the parts of the
 * decision a pharmacist expects. {@link org.precisionformulary.testkit.Scenario} reads them,
 * {@link org.precisionformulary.testkit.ScenarioRunner} decides each request on a fixed date and
 * compares, and {@link org.precisionformulary.testkit.ScenarioResult} says what differed.
 *
 * <pre>{@code
 * ScenarioRunner runner = ScenarioRunner.builder().build();
 * for (ScenarioResult result : runner.run(Path.of("rules-content/src/test/scenarios"))) {
 *     log.info(result.report());
 * }
 * }</pre>
 *
 * The file format and the matching rules are documented for pharmacists in
 * {@code rules-content/src/test/scenarios/README.md}.
 */
package org.precisionformulary.testkit;
