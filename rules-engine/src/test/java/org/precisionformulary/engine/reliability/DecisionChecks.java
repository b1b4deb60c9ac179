// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.ContractJson;

/**
 * The properties every decision must have whatever the input: it comes back (no exception) within a bound, a
 * decision with errors is a pharmacist review, every error names a contract field, no error is the engine
 * failing rather than the input, and the decision's JSON reads back to the same decision. Each check returns
 * what is wrong, so a long run can count failures instead of stopping at the first.
 */
final class DecisionChecks {

    /** Longest one evaluation may take, on a shared, busy machine; the engine's own budget is 2 s per session. */
    static final Duration PER_CALL_BOUND = Duration.ofSeconds(5);

    private DecisionChecks() {
    }

    /**
     * The engine's time budget is wall-clock: on an overloaded host a session that fires one rule can exceed the
     * default 2 s and be sent to review (seen once in 400,000 stress evaluations at load average 24 on 2 cores).
     * That is the budget's job, tested in RulePackCompileTest; here it would hide what these suites measure, so
     * the budget is raised and {@link #PER_CALL_BOUND} checks the time instead.
     */
    static final Duration ENGINE_BUDGET = Duration.ofSeconds(60);

    /** @return an engine on the demo formulary whose evaluation date is {@link RequestArbitraries#TODAY} */
    static PrecisionFormulary engine() {
        return PrecisionFormulary.builder()
                .clock(Clock.fixed(RequestArbitraries.TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC))
                .evaluationBudget(ENGINE_BUDGET)
                .build();
    }

    /** What one evaluation gave: the decision, or the exception it threw, and how long it took. */
    record Result(CoverageDecision decision, Throwable thrown, long nanos) {
    }

    static Result evaluate(PrecisionFormulary engine, String text) {
        long start = System.nanoTime();
        try {
            CoverageDecision decision = engine.evaluate(text);
            return new Result(decision, null, System.nanoTime() - start);
        } catch (RuntimeException | Error e) {
            return new Result(null, e, System.nanoTime() - start);
        }
    }

    /** @return the problems with this result that hold for any input; empty when there are none */
    static List<String> generalProblems(Result result) {
        List<String> problems = new ArrayList<>();
        if (result.thrown() != null) {
            problems.add("threw " + result.thrown());
            return problems;
        }
        if (result.nanos() > PER_CALL_BOUND.toNanos()) {
            problems.add("took " + result.nanos() / 1_000_000 + " ms");
        }
        CoverageDecision d = result.decision();
        if (d == null) {
            problems.add("returned null");
            return problems;
        }
        if (!d.errors().isEmpty() && d.outcome() != Outcome.PHARMACIST_REVIEW) {
            problems.add("errors " + d.errors() + " but outcome " + d.outcome());
        }
        for (FieldError e : d.errors()) {
            if (!ContractFields.isContractField(e.field())) {
                problems.add("error names '" + e.field() + "', not a contract field");
            }
            if (isEngineFailure(e)) {
                problems.add("the engine failed instead of naming the bad field: " + e.message());
            }
        }
        String json = ContractJson.toJson(d);
        try {
            CoverageDecision back = ContractJson.mapper().readValue(json, CoverageDecision.class);
            if (!back.equals(d) || !ContractJson.toJson(back).equals(json)) {
                problems.add("decision JSON does not read back to the same decision: " + json);
            }
        } catch (JsonProcessingException e) {
            problems.add("decision JSON does not read back: " + e.getOriginalMessage());
        }
        return problems;
    }

    /**
     * An error on {@code $} that is not about the input: the last-resort catch in {@code PrecisionFormulary.evaluate}
     * ("the engine could not decide"), or a rule pack failure. Both are a refusal, and safe, but neither names what
     * was wrong with the input: on the built-in pack, with the fuzz engine's generous time budget, each is a defect.
     *
     * @param error an error of a decision
     * @return whether it reports the engine failing rather than the input
     */
    static boolean isEngineFailure(FieldError error) {
        return error.field().equals("$") && (error.message().startsWith("the engine could not decide")
                || error.message().startsWith("rule pack failure"));
    }

    /**
     * A phenotype-only entry for an activity-score gene goes to the pharmacist when the requested drug's advice
     * differs between the scores the phenotype covers (docs/architecture.md, PhenotypeOnlyScores).
     */
    static boolean isPhenotypeOnlyReview(FieldError error) {
        return error.field().matches("genotypes\\[\\d+](\\.phenotype)?") && error.message().contains(" only; CPIC's advice");
    }
}
