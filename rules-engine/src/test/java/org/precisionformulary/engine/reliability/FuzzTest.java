// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Outcome;

/**
 * Fuzzes the engine with valid, near-valid and garbage requests drawn from {@link RequestArbitraries} and checks
 * the contract's promises on every one (see docs/reliability.md).
 *
 * <p>Cases are drawn from the jqwik arbitraries with a seeded {@link Random} per case, so a failure names the
 * seed and case number that reproduce it ({@code -Dfuzz.seed=...}). By default a short run of a few thousand
 * cases; {@code -Dfuzz.long=true} runs a million, stopping at {@code fuzz.minutes} (25) if it gets there first.
 * {@code fuzz.cases}, {@code fuzz.minutes}, {@code fuzz.threads} and {@code fuzz.seed} override the defaults.
 */
class FuzzTest {

    private static final boolean LONG = Boolean.getBoolean("fuzz.long");
    private static final long CASES = Long.getLong("fuzz.cases", LONG ? 1_000_000 : 3_000);
    private static final double MINUTES = Double.parseDouble(System.getProperty("fuzz.minutes", LONG ? "25" : "3"));
    private static final int THREADS = Integer.getInteger("fuzz.threads", LONG ? 2 : 1);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

    private static final PrecisionFormulary ENGINE = DecisionChecks.engine();

    /** Share of the cases and of the time each class gets. */
    private static final double VALID_SHARE = 0.35;
    private static final double NEAR_VALID_SHARE = 0.45;
    private static final double GARBAGE_SHARE = 0.20;

    @Example
    void validRequestsAreDecidedWithoutErrors() {
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Run run = run("valid", RequestArbitraries.validRequests(), VALID_SHARE, 1, request -> {
            String text = Corruption.text(request);
            DecisionChecks.Result result = DecisionChecks.evaluate(ENGINE, text);
            List<String> problems = DecisionChecks.generalProblems(result);
            if (result.decision() != null) {
                CoverageDecision d = result.decision();
                List<FieldError> unexpected = d.errors().stream().filter(e -> !DecisionChecks.isPhenotypeOnlyReview(e)).toList();
                if (!unexpected.isEmpty()) {
                    problems.add("a valid request got errors " + unexpected);
                }
                String key = d.errors().isEmpty() ? d.outcome().name() : "PHARMACIST_REVIEW (phenotype only)";
                outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
            }
            return new Verdict("valid", problems, text);
        });
        System.out.println("fuzz valid outcomes: " + new TreeMap<>(outcomes));
        run.assertClean();
        // A generator that only ever produced one outcome would not be exercising the routing.
        if (outcomes.values().stream().mapToLong(LongAdder::sum).sum() >= 200) {
            assertThat(outcomes.keySet()).contains(Outcome.APPROVED.name(), Outcome.REJECTED.name(),
                    Outcome.PRIOR_AUTH_REQUIRED.name());
        }
    }

    @Example
    void nearValidRequestsGetAnErrorOnTheCorruptedField() {
        Run run = run("near-valid", RequestArbitraries.nearValidRequests(), NEAR_VALID_SHARE, 3, nearValid -> {
            DecisionChecks.Result result = DecisionChecks.evaluate(ENGINE, nearValid.text());
            List<String> problems = DecisionChecks.generalProblems(result);
            if (result.decision() != null && !nearValid.expectedFields().isEmpty()) {
                CoverageDecision d = result.decision();
                if (d.outcome() != Outcome.PHARMACIST_REVIEW) {
                    problems.add("decided " + d.outcome() + " with errors " + d.errors());
                } else if (d.errors().stream().noneMatch(e -> nearValid.names(e.field()))) {
                    problems.add("no error names " + nearValid.expectedFields() + "; errors were " + d.errors());
                }
            }
            return new Verdict(nearValid.corruption().name(), problems, nearValid.toString());
        });
        run.assertClean();
        if (run.counts.values().stream().mapToLong(LongAdder::sum).sum() >= 500) {
            assertThat(run.counts.keySet()).as("every corruption was generated").hasSize(Corruption.values().length);
        }
    }

    @Example
    void garbageIsRefusedWithoutAnException() {
        Run run = run("garbage", RequestArbitraries.garbage(), GARBAGE_SHARE, 0, text -> {
            DecisionChecks.Result result = DecisionChecks.evaluate(ENGINE, text);
            List<String> problems = DecisionChecks.generalProblems(result);
            String kind = result.decision() == null ? "threw"
                    : result.decision().errors().stream().anyMatch(DecisionChecks::isEngineFailure) ? "engine failure"
                    : result.decision().errors().isEmpty() ? "decided" : "refused";
            String shown = text.length() > 300 ? text.substring(0, 300) + "..." : text;
            return new Verdict("garbage " + kind, problems, shown);
        });
        run.assertClean();
    }

    /** What one case came to: its class (for the counts), what was wrong, and the input to show if anything was. */
    record Verdict(String caseClass, List<String> problems, String input) {
    }

    /** Spreads neighbouring case numbers over the seed space: java.util.Random's first draws from close seeds correlate. */
    static long caseSeed(long salt, long caseNo) {
        long z = SEED + salt * 0xBF58476D1CE4E5B9L + caseNo * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Counts and failures of one run. */
    static final class Run {
        final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        final Map<String, Long> slowest = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong failed = new AtomicLong();

        void assertClean() {
            assertThat(failures).as("%d failing cases (seed %d); the first ones", failed.get(), SEED).isEmpty();
        }
    }

    /**
     * Draws cases from the arbitrary and checks each on {@link #THREADS} threads until its share of
     * {@link #CASES} or of {@link #MINUTES} is used up.
     */
    private static <T> Run run(String name, Arbitrary<T> arbitrary, double share, long salt, Function<T, Verdict> check) {
        long cases = Math.max(1, Math.round(CASES * share));
        long deadline = System.nanoTime() + (long) (MINUTES * share * 60e9);
        RandomGenerator<T> generator = arbitrary.generator(1_000);
        Run run = new Run();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Semaphore inFlight = new Semaphore(THREADS * 2);
        long start = System.nanoTime();
        long drawn = 0;
        try {
            for (; drawn < cases && System.nanoTime() < deadline; drawn++) {
                long caseNo = drawn;
                T value = generator.next(new Random(caseSeed(salt, caseNo))).value();
                inFlight.acquireUninterruptibly();
                pool.execute(() -> {
                    try {
                        long checkStart = System.nanoTime();
                        Verdict v = check.apply(value);
                        run.counts.computeIfAbsent(v.caseClass(), k -> new LongAdder()).increment();
                        run.slowest.merge(v.caseClass(), System.nanoTime() - checkStart, Math::max);
                        if (!v.problems().isEmpty() && run.failed.incrementAndGet() <= 20) {
                            run.failures.add("case " + caseNo + ": " + v.problems() + " <- " + v.input());
                        }
                    } catch (RuntimeException | Error e) {
                        // Counted, not lost with the worker thread: a linkage or assertion error is a failing case too.
                        run.failed.incrementAndGet();
                        run.failures.add("case " + caseNo + ": checking failed: " + e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("fuzz %s: %d cases in %.1f s on %d thread(s), seed %d, %d failing; by class %s%n", name, drawn,
                millis / 1000.0, THREADS, SEED, run.failed.get(), new TreeMap<>(run.counts));
        Map<String, Long> slowestMillis = new TreeMap<>();
        run.slowest.forEach((k, nanos) -> slowestMillis.put(k, nanos / 1_000_000));
        System.out.printf("fuzz %s: slowest check (ms) by class %s%n", name, slowestMillis);
        return run;
    }
}
