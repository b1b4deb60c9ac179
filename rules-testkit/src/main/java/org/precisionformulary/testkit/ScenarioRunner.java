// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.engine.ncpdp.NcpdpResponse;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.json.ContractJson;

/**
 * Runs scenarios against one rule pack: each request is decided on {@link #EVALUATION_DATE}, so that a
 * request without a service date is decided the same way on every day the suite runs, within
 * {@link #EVALUATION_BUDGET}, and the decision is compared with the scenario's expectation. Not thread-safe;
 * use one runner per thread.
 *
 * <pre>{@code
 * ScenarioRunner runner = ScenarioRunner.builder().rulePack(RulePack.fromDirectory(packDir)).build();
 * List<ScenarioResult> results = runner.run(Path.of("rules-content/src/test/scenarios"));
 * }</pre>
 */
public final class ScenarioRunner {

    /** The date every scenario is decided on: the default service date. */
    public static final LocalDate EVALUATION_DATE = LocalDate.of(2026, 11, 20);

    /**
     * The evaluation budget of the runner's engines: 30 seconds instead of the engine's 2. A scenario checks what is
     * decided, not how fast; on a busy build machine a JIT-cold first decision can pass 2 seconds, and would then
     * come back as a review that fails the scenario for a reason that is not in it.
     */
    public static final Duration EVALUATION_BUDGET = Duration.ofSeconds(30);

    private static final Clock CLOCK = Clock.fixed(EVALUATION_DATE.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC),
            ZoneOffset.UTC);

    private final RulePack pack;
    private final PrecisionFormulary defaultEngine;
    // Scenarios that name a formulary share one engine per distinct formulary.
    private final Map<Formulary, PrecisionFormulary> engines = new HashMap<>();

    private ScenarioRunner(Builder b) {
        this.pack = b.pack != null ? b.pack : RulePack.builtIn();
        PrecisionFormulary.Builder engine = PrecisionFormulary.builder().rulePack(pack).clock(CLOCK)
                .evaluationBudget(EVALUATION_BUDGET);
        if (b.formulary != null) {
            engine.formulary(b.formulary);
        }
        this.defaultEngine = engine.build();
    }

    /** @return a builder with the built-in pack and the embedded demo formulary */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every scenario of a suite directory (see {@link Scenario#findFiles}), or of one scenario file. A file
     * that cannot be read becomes one failed result naming the file and the reason, and the run goes on.
     *
     * @param fileOrDirectory a suite directory, or one scenario file
     * @return one result per scenario, in path order
     * @throws ScenarioException   when the path does not exist or the directory cannot be listed
     * @throws NullPointerException when the path is {@code null}
     */
    public List<ScenarioResult> run(Path fileOrDirectory) {
        Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
        boolean single = Files.isRegularFile(fileOrDirectory);
        List<Path> files = single ? List.of(fileOrDirectory) : Scenario.findFiles(fileOrDirectory);
        List<ScenarioResult> results = new ArrayList<>();
        for (Path file : files) {
            String name = single ? file.toString() : ScenarioFiles.relativeName(fileOrDirectory, file);
            List<Scenario> scenarios;
            try {
                scenarios = Scenario.read(file, name);
            } catch (ScenarioException e) {
                results.add(ScenarioResult.unreadable(name, e));
                continue;
            }
            scenarios.forEach(s -> results.add(run(s)));
        }
        return List.copyOf(results);
    }

    /**
     * Decides one scenario's request and compares the decision with its expectation.
     *
     * @param scenario the scenario
     * @return the result; never throws for a scenario that fails
     * @throws NullPointerException when the scenario is {@code null}
     */
    public ScenarioResult run(Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        PrecisionFormulary engine = scenario.formulary() == null ? defaultEngine
                : engines.computeIfAbsent(scenario.formulary(),
                        f -> PrecisionFormulary.builder().rulePack(pack).formulary(f).clock(CLOCK)
                                .evaluationBudget(EVALUATION_BUDGET).build());
        CoverageDecision decision;
        try {
            decision = engine.evaluate(scenario.requestText());
        } catch (RuntimeException e) {
            // The engine promises never to throw for a request; if it does, that is this scenario's failure.
            return new ScenarioResult(scenario.name(), scenario.file(), scenario.description(),
                    ScenarioResult.Status.FAILED, "the engine threw " + e, List.of(), List.of(), null);
        }
        com.fasterxml.jackson.databind.node.ObjectNode actual = ContractJson.mapper().valueToTree(decision);
        // The response fields a switch would send, so a scenario can pin them too (expect.ncpdp).
        actual.set(Expectations.NCPDP, ContractJson.mapper().valueToTree(NcpdpResponse.fields(decision)));
        List<Mismatch> mismatches = Expectations.compare(scenario.expectNode(), actual, ruleNames());
        List<String> fired = decision.audit() == null ? List.of() : decision.audit().firedRules();
        String json = ContractJson.toPrettyJson(decision);
        ScenarioResult.Status status;
        String problem = null;
        if (scenario.pending() == null) {
            status = mismatches.isEmpty() ? ScenarioResult.Status.PASSED : ScenarioResult.Status.FAILED;
        } else if (mismatches.isEmpty()) {
            // A pending note must not outlive the fix it waits for.
            status = ScenarioResult.Status.FAILED;
            problem = "marked pending (" + scenario.pending() + ") but it passes now: remove \"pending\"";
        } else {
            status = ScenarioResult.Status.PENDING;
            problem = scenario.pending();
        }
        return new ScenarioResult(scenario.name(), scenario.file(), scenario.description(), status, problem,
                mismatches, fired, json);
    }

    private Set<String> ruleNames() {
        return pack.ruleNames();
    }

    /** Configures a {@link ScenarioRunner}. */
    public static final class Builder {
        private RulePack pack;
        private Formulary formulary;

        private Builder() {
        }

        /**
         * @param pack the rule pack to decide with; the built-in pack when not called
         * @return this builder
         * @throws NullPointerException when the pack is {@code null}
         */
        public Builder rulePack(RulePack pack) {
            this.pack = Objects.requireNonNull(pack, "pack");
            return this;
        }

        /**
         * @param formulary the formulary for scenarios that do not name one; the demo formulary when not called
         * @return this builder
         * @throws NullPointerException when the formulary is {@code null}
         */
        public Builder formulary(Formulary formulary) {
            this.formulary = Objects.requireNonNull(formulary, "formulary");
            return this;
        }

        /**
         * @return the runner
         * @throws org.precisionformulary.engine.RulePackException when the built-in pack cannot be loaded
         * @throws org.precisionformulary.content.ContentException when a CPIC data table is missing or corrupt
         */
        public ScenarioRunner build() {
            return new ScenarioRunner(this);
        }
    }
}
