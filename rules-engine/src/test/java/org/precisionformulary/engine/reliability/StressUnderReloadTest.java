// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.model.json.ContractJson;

/**
 * Eight threads decide a mixed corpus (valid, near-valid and garbage requests) while another thread keeps
 * hot-reloading the pack. Every decision must be, byte for byte, what one thread gets from an engine that was
 * never reloaded, and nothing may throw. {@code -Dstress.long=true} runs 400,000 evaluations of 2,000 distinct requests
 * instead of 20,000 of 1,000;
 * {@code stress.evaluations}, {@code stress.corpus} and {@code stress.reloadPauseMillis} override the defaults.
 */
class StressUnderReloadTest {

    private static final boolean LONG = Boolean.getBoolean("stress.long");
    private static final long EVALUATIONS = Long.getLong("stress.evaluations", LONG ? 400_000 : 20_000);
    private static final int CORPUS = Integer.getInteger("stress.corpus", LONG ? 2_000 : 1_000);
    private static final long RELOAD_PAUSE_MILLIS = Long.getLong("stress.reloadPauseMillis", LONG ? 1_000 : 250);
    private static final long SEED = Long.getLong("stress.seed", 20261120L);
    private static final int THREADS = 8;

    @Example
    void eightThreadsUnderRepeatedReloadsDecideAsOneThreadOnAnEngineNeverReloaded() throws Exception {
        List<String> corpus = corpus();
        PrecisionFormulary reference = DecisionChecks.engine();
        long referenceStart = System.nanoTime();
        List<String> expected = corpus.stream().map(r -> ContractJson.toJson(reference.evaluate(r))).toList();
        long referenceMillis = (System.nanoTime() - referenceStart) / 1_000_000;

        PrecisionFormulary engine = DecisionChecks.engine();
        AtomicLong next = new AtomicLong();
        AtomicLong exceptions = new AtomicLong();
        AtomicLong mismatches = new AtomicLong();
        AtomicInteger reloads = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        List<String> firstProblems = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        long start = System.nanoTime();
        try {
            Future<?> reloader = pool.submit(() -> {
                while (!done.get()) {
                    try {
                        Thread.sleep(RELOAD_PAUSE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    engine.reload(RulePack.builtIn());
                    reloads.incrementAndGet();
                }
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (long n = next.getAndIncrement(); n < EVALUATIONS; n = next.getAndIncrement()) {
                        // A stride that is prime to the corpus size spreads the threads over different requests.
                        int i = (int) ((n * 7_919) % corpus.size());
                        try {
                            String actual = ContractJson.toJson(engine.evaluate(corpus.get(i)));
                            if (!actual.equals(expected.get(i))) {
                                mismatches.incrementAndGet();
                                record(firstProblems, "request " + i + " differs: " + actual + " vs " + expected.get(i));
                            }
                        } catch (RuntimeException e) {
                            exceptions.incrementAndGet();
                            record(firstProblems, "request " + i + " threw " + e);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            done.set(true);
            reloader.get();
        } finally {
            done.set(true);
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("stress: %d evaluations of %d distinct requests on %d threads in %.1f s (%.0f per s), "
                        + "%d reloads, %d exceptions, %d mismatches; single-threaded reference run %.1f s%n",
                EVALUATIONS, corpus.size(), THREADS, millis / 1000.0, EVALUATIONS * 1000.0 / Math.max(1, millis),
                reloads.get(), exceptions.get(), mismatches.get(), referenceMillis / 1000.0);
        assertThat(firstProblems).isEmpty();
        assertThat(exceptions.get()).isZero();
        assertThat(mismatches.get()).isZero();
        assertThat(reloads.get()).as("reloads while serving").isGreaterThanOrEqualTo(LONG ? 5 : 2);
        assertThat(expected).as("the corpus reaches decisions and refusals alike")
                .anyMatch(j -> j.contains("\"APPROVED\"")).anyMatch(j -> j.contains("\"REJECTED\""))
                .anyMatch(j -> j.contains("\"PHARMACIST_REVIEW\""));
    }

    private static void record(List<String> problems, String problem) {
        if (problems.size() < 10) {
            problems.add(problem.length() > 600 ? problem.substring(0, 600) + "..." : problem);
        }
    }

    /** Half valid requests, a third near-valid, the rest garbage, all from the fuzz generators with a fixed seed. */
    private static List<String> corpus() {
        Random random = new Random(SEED);
        RandomGenerator<ObjectNode> valid =
                RequestArbitraries.validRequests().generator(1_000);
        RandomGenerator<NearValid> nearValid = RequestArbitraries.nearValidRequests().generator(1_000);
        RandomGenerator<String> garbage = RequestArbitraries.garbage().generator(1_000);
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < CORPUS; i++) {
            int kind = i % 6;
            corpus.add(kind < 3 ? Corruption.text(valid.next(random).value())
                    : kind < 5 ? nearValid.next(random).value().text() : garbage.next(random).value());
        }
        return corpus;
    }
}
