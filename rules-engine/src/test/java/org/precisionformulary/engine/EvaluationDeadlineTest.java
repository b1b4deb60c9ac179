// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * The caller never waits past the budget: a rule that never finishes its one firing is answered with a review
 * at the deadline, the engine keeps serving, workers that do not stop are counted as stuck until they end, and
 * past the cap the engine refuses at once instead of starting more threads.
 */
class EvaluationDeadlineTest {

    private static final Duration BUDGET = Duration.ofMillis(250);
    /** What "at once" and "by the deadline" allow on a shared, busy machine: far below a blocked firing's forever. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private static RulePack pack;

    /** A pack whose one rule holds its firing for morphine in a helper that waits for the test. */
    @BeforeAll
    static void compilePack(@TempDir Path dir) throws IOException {
        LocalPack.standalone("slow-plan").version("2026.12.1").drl("local/held.drl", """
                package local;
                import org.precisionformulary.model.fact.RequestedDrug;
                import org.precisionformulary.engine.BlockingRuleHelper;

                rule "test: morphine's firing is held until the test lets it go"
                    @concern("test")
                when
                    RequestedDrug( drug == "morphine" )
                then
                    BlockingRuleHelper.hold();
                end
                """).writeTo(dir);
        pack = RulePack.fromDirectory(dir, java.util.List.of(BlockingRuleHelper.class)); // the host allows its test helper
    }

    @AfterEach
    void letHeldFiringsGo() {
        BlockingRuleHelper.release();
        awaitTrue(() -> BlockingRuleHelper.holding() == 0, "every held firing ended");
    }

    private static PrecisionFormulary engine(Duration budget) {
        return PrecisionFormulary.builder().rulePack(pack).evaluationBudget(budget).build();
    }

    private static String request(String id, String drug) {
        return "{\"requestId\":\"" + id + "\",\"member\":{\"id\":\"M-1\"},\"drug\":{\"name\":\"" + drug + "\"}}";
    }

    @Test
    void aFiringThatNeverEndsIsAnsweredAtTheDeadlineNamingThePackAndTheBudget() {
        PrecisionFormulary engine = engine(BUDGET);
        BlockingRuleHelper.closeGate(false);
        String text = request("D-1", "morphine");

        long start = System.nanoTime();
        CoverageDecision held = engine.evaluate(text);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(waited).isLessThan(BUDGET.plus(PrecisionFormulary.DEADLINE_MARGIN).plus(SLACK));
        assertThat(held.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(held.requestId()).isEqualTo("D-1");
        assertThat(held.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("$");
            assertThat(e.message()).isEqualTo("rule pack slow-plan 2026.12.1 did not decide within the 250 ms budget;"
                    + " a pharmacist must review it");
        });
        assertThat(held.reasons()).singleElement().asString().contains("did not decide within the 250 ms budget");
        assertThat(held.audit().rulePackVersion()).isEqualTo("2026.12.1");
        assertThat(held.audit().rulePackSha256()).isEqualTo(pack.sha256());
        assertThat(held.audit().inputSha256()).isEqualTo(sha256(text));
        assertThat(BlockingRuleHelper.holding()).as("the firing is still held").isEqualTo(1);

        // The held worker is the pack's problem, not the next request's.
        assertThat(engine.evaluate(request("D-2", "clopidogrel")).outcome()).isEqualTo(Outcome.APPROVED);
        CoverageDecision built = engine.evaluate(CoverageRequest.of("D-3", "M-1", "morphine"));
        assertThat(built.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(built.requestId()).isEqualTo("D-3");
        assertThat(built.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("slow-plan 2026.12.1")
                .contains("250 ms budget"));
        assertThat(engine.evaluateAll(Stream.of(request("D-4", "morphine"), request("D-5", "clopidogrel")))
                .map(CoverageDecision::outcome)).containsExactly(Outcome.PHARMACIST_REVIEW, Outcome.APPROVED);
        assertThat(engine.health().timedOutEvaluations()).isEqualTo(3);
    }

    @Test
    void aStuckWorkerIsReportedUntilItEnds() {
        PrecisionFormulary engine = engine(BUDGET);
        BlockingRuleHelper.closeGate(false);

        assertThat(engine.evaluate(request("S-1", "morphine")).outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(engine.health().timedOutEvaluations()).isEqualTo(1);
        // Counted as stuck once its grace period (one second for budgets under a second) is over.
        awaitTrue(() -> engine.health().stuckEvaluations() == 1, "the worker counted as stuck");
        assertThat(engine.health()).satisfies(h -> {
            assertThat(h.healthy()).isEqualTo(true);
            assertThat(h.stuckEvaluations()).isEqualTo(1);
            assertThat(h.timedOutEvaluations()).isEqualTo(1L);
        });

        BlockingRuleHelper.release();
        awaitTrue(() -> engine.health().stuckEvaluations() == 0, "the ended worker no longer counted");
        assertThat(engine.health()).satisfies(h -> {
            assertThat(h.healthy()).isEqualTo(true);
            assertThat(h.stuckEvaluations()).isEqualTo(0);
            assertThat(h.timedOutEvaluations()).isEqualTo(1L);
        });
        assertThat(engine.evaluate(request("S-2", "morphine")).outcome()).isEqualTo(Outcome.APPROVED);
    }

    @Test
    void aFiringThatAnswersInterruptsEndsAtTheDeadlineAndIsNeverStuck() throws InterruptedException {
        PrecisionFormulary engine = engine(BUDGET);
        BlockingRuleHelper.closeGate(true);

        assertThat(engine.evaluate(request("I-1", "morphine")).outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        awaitTrue(() -> BlockingRuleHelper.holding() == 0, "the interrupted firing ended");
        // Past the grace period: the ended worker was never counted.
        Thread.sleep(Duration.ofSeconds(1).plus(BUDGET).toMillis());
        assertThat(engine.health()).satisfies(h -> {
            assertThat(h.healthy()).isEqualTo(true);
            assertThat(h.stuckEvaluations()).isEqualTo(0);
            assertThat(h.timedOutEvaluations()).isEqualTo(1L);
        });
    }

    @Test
    void pastTheCapOfStuckWorkersTheEngineRefusesAtOnceAndRecoversWhenTheyEnd() throws Exception {
        // A budget long enough for every caller's evaluation to reach the held firing on a busy machine.
        Duration budget = Duration.ofSeconds(1);
        PrecisionFormulary engine = engine(budget);
        assertThat(engine.evaluate(request("C-0", "clopidogrel")).outcome()).isEqualTo(Outcome.APPROVED);
        BlockingRuleHelper.closeGate(false);

        int wanted = PrecisionFormulary.MAX_STUCK_EVALUATIONS + 1;
        ExecutorService callers = Executors.newFixedThreadPool(wanted);
        try {
            // An evaluation stopped before it reached the held firing ends and is not stuck: top up until enough are.
            for (int round = 0; round < 5 && BlockingRuleHelper.holding() < wanted; round++) {
                List<Future<CoverageDecision>> answers = new ArrayList<>();
                for (int i = BlockingRuleHelper.holding(); i < wanted; i++) {
                    String text = request("C-" + round + "-" + i, "morphine");
                    answers.add(callers.submit(() -> engine.evaluate(text)));
                }
                for (Future<CoverageDecision> answer : answers) {
                    assertThat(answer.get().outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
                }
            }
        } finally {
            callers.shutdown();
        }
        assertThat(BlockingRuleHelper.holding()).isEqualTo(wanted);
        awaitTrue(() -> engine.health().stuckEvaluations() == wanted, wanted + " workers counted as stuck");
        assertThat(engine.health().healthy()).isFalse();

        long start = System.nanoTime();
        CoverageDecision refused = engine.evaluate(request("C-R", "clopidogrel"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once").isLessThan(budget);
        assertThat(refused.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(refused.requestId()).isEqualTo("C-R");
        assertThat(refused.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("$");
            assertThat(e.message()).contains("the engine is unhealthy").contains(wanted + " evaluations are stuck")
                    .contains("slow-plan 2026.12.1");
        });
        assertThat(BlockingRuleHelper.holding()).as("no new evaluation was started").isEqualTo(wanted);
        // A request that cannot be read still gets its own field errors.
        assertThat(engine.evaluate("{\"member\":{\"id\":\"M-1\"},\"drug\":{\"name\":\"clopidogrel\"}}").errors())
                .extracting(e -> e.field()).containsExactly("requestId");

        BlockingRuleHelper.release();
        awaitTrue(() -> engine.health().stuckEvaluations() == 0, "every ended worker no longer counted");
        assertThat(engine.health().healthy()).isTrue();
        assertThat(engine.evaluate(request("C-9", "clopidogrel")).outcome()).isEqualTo(Outcome.APPROVED);
    }

    @Test
    void inCallerThreadModeNothingIsCountedAndDecisionsAreTheSame() {
        PrecisionFormulary onCaller = PrecisionFormulary.builder().rulePack(pack).evaluationDeadline(false).build();
        PrecisionFormulary onWorkers = engine(BUDGET);
        String text = request("T-1", "clopidogrel");
        assertThat(onCaller.evaluate(text)).isEqualTo(onWorkers.evaluate(text));
        assertThat(onCaller.health()).satisfies(h -> {
            assertThat(h.healthy()).isEqualTo(true);
            assertThat(h.stuckEvaluations()).isEqualTo(0);
            assertThat(h.timedOutEvaluations()).isEqualTo(0L);
        });
    }

    @Test
    void theBuiltInPackRunsOnTheCallersThreadAndAPlanPackOnTheWorkersAcrossReloads() {
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        String text = request("B-1", "clopidogrel");
        CoverageDecision onCaller = engine.evaluate(text);
        assertThat(engine.evaluatesOnWorkers()).isFalse();

        engine.reload(pack);
        assertThat(engine.evaluatesOnWorkers()).isTrue();
        assertThat(engine.evaluate(text).audit().rulePackSha256()).isEqualTo(pack.sha256());

        engine.reload(RulePack.builtIn());
        assertThat(engine.evaluatesOnWorkers()).isFalse();
        assertThat(engine.evaluate(text)).isEqualTo(onCaller);
        assertThat(PrecisionFormulary.builder().rulePack(pack).evaluationDeadline(false).build().evaluatesOnWorkers())
                .isFalse();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
