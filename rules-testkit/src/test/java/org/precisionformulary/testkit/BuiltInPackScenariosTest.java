// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.precisionformulary.testkit.junit.ScenarioTests;

/**
 * Every scenario file the pharmacists keep in {@code rules-content/src/test/scenarios}, run against the built-in
 * pack and the demo formulary: one test per file, named after it, so a failure points at the file to open. A
 * plan's own suite is run the same way (docs/authoring.md, "Test it in your build").
 */
class BuiltInPackScenariosTest {

    @TestFactory
    Stream<DynamicNode> everyScenarioFileHoldsForTheBuiltInPack() {
        return ScenarioTests.of(Path.of("../rules-content/src/test/scenarios"));
    }
}
