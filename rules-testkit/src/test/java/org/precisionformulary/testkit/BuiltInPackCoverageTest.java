// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.engine.RulePack;

/**
 * Holds the scenario suite in {@code rules-content/src/test/scenarios} to the share of the built-in pack's rules
 * it fires. The thresholds are where the suite stood when they were set, rounded down to the whole percent:
 * raise them as scenarios are added, never lower them (see the suite's README, "Coverage").
 */
class BuiltInPackCoverageTest {

    /** Overall: rules fired by any scenario, out of every rule of the pack, in percent. */
    static final int MIN_OVERALL_PERCENT = 14;
    /** The routing rules ({@code routing/*.drl}) decide what a member pays, so they are held closer. */
    static final int MIN_ROUTING_PERCENT = 100;

    private static final Path SUITE = Path.of("../rules-content/src/test/scenarios");

    private static RuleCoverage coverage;

    @BeforeAll
    static void runTheSuite() {
        List<Path> files = Scenario.findFiles(SUITE);
        assertThat(files).as("scenario files under %s", SUITE.toAbsolutePath().normalize()).isNotEmpty();
        // The runner reads and runs every file as BuiltInPackScenariosTest does; an unreadable file is that
        // test's failure to report, and here only fires nothing.
        List<ScenarioResult> results = ScenarioRunner.builder().build().run(SUITE);
        coverage = RuleCoverage.of(RuleCoverage.packSources(null), results);
        // The figures go to the build log, so a change in coverage can be read off the run that caused it.
        System.out.println(coverage.report(20));
    }

    @Test
    void theSuiteFiresAtLeastTheThresholdShareOfAllRules() {
        assertThat(coverage.unknownFired()).as("fired rules no DRL source declares").isEmpty();
        // Every compiled rule is found in the sources, or the figures would leave rules out unnoticed.
        assertThat(coverage.total()).isEqualTo(RulePack.builtIn().ruleNames().size());
        assertThat(coverage.percent()).as("overall rule coverage (%d/%d)", coverage.fired(), coverage.total())
                .isGreaterThanOrEqualTo(MIN_OVERALL_PERCENT);
    }

    @Test
    void everyRoutingFileHasAFiredRuleAndRoutingHoldsItsThreshold() {
        List<RuleCoverage.FileCoverage> routing = coverage.filesUnder("routing/");
        assertThat(routing).as("routing DRL files").isNotEmpty();
        for (RuleCoverage.FileCoverage file : routing) {
            assertThat(file.fired()).as("fired rules of %s (never fired: %s)", file.file(), file.neverFired())
                    .isNotEmpty();
        }
        int fired = routing.stream().mapToInt(f -> f.fired().size()).sum();
        int total = routing.stream().mapToInt(RuleCoverage.FileCoverage::total).sum();
        assertThat(RuleCoverage.percent(fired, total)).as("routing rule coverage (%d/%d)", fired, total)
                .isGreaterThanOrEqualTo(MIN_ROUTING_PERCENT);
    }
}
