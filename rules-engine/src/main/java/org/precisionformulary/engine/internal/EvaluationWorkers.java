// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs evaluations on worker threads the engine owns, so the caller gets an answer by the deadline whatever a
 * rule pack does: the caller waits the budget plus {@link #MARGIN}, then stops the evaluation (halts its
 * session, interrupts its worker) and answers with a review.
 *
 * <p>A stopped evaluation whose worker is still running {@link #grace(Duration) a grace period} after its
 * deadline is counted as stuck until it ends. While more than {@link #MAX_STUCK} are stuck, no evaluation is
 * started: each is answered with a review at once, so a pack that wedges threads cannot take the host's
 * threads with it.
 *
 * <p>Workers are daemon threads named {@code precision-formulary-eval-N}, started when no idle one is free
 * and ended after {@link #KEEP_ALIVE} idle, so an engine holds no thread while it is not used. The handoff is
 * what every request pays for the deadline, so it is kept to the two wake-ups it cannot avoid (the worker's
 * and the caller's): each worker has a slot of its own, idle workers wait last-in first-out, and a worker lists
 * itself idle before it wakes its caller, so a caller's next evaluation goes to the worker that ran its last
 * one, cache-warm (and, when it comes at once, before that worker has gone to sleep). A pool with a shared
 * hand-off queue handed most requests to another, colder worker and cost more (see
 * {@code docs/performance.md}, "Deadline per evaluation").
 */
public final class EvaluationWorkers {

    /**
     * How long past the budget the caller waits before it stops an evaluation. The budget is also checked
     * between rule firings inside the sessions; the margin lets that check, whose message names the last rule
     * that fired, answer first when it can.
     */
    public static final Duration MARGIN = Duration.ofMillis(100);

    /** Stuck evaluations tolerated: past this many, evaluations are refused until some end. */
    public static final int MAX_STUCK = 32;

    /** How long an idle worker waits for another evaluation before it ends. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(60);

    /** The shortest grace period before a stopped evaluation counts as stuck. */
    static final Duration MIN_GRACE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationWorkers.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final long budgetMillis;
    private final long waitNanos;
    private final long graceNanos;
    /** Workers waiting for an evaluation, the most recently freed first. */
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger stuck = new AtomicInteger();
    private final AtomicLong timedOut = new AtomicLong();

    /**
     * @param budget the time budget per evaluation
     */
    public EvaluationWorkers(Duration budget) {
        this.budgetMillis = budget.toMillis();
        this.waitNanos = budget.plus(MARGIN).toNanos();
        this.graceNanos = grace(budget).toNanos();
    }

    /**
     * @param budget the time budget per evaluation
     * @return how long after its deadline a stopped evaluation may take to end before it counts as stuck: one
     *         more budget, at least {@link #MIN_GRACE}
     */
    public static Duration grace(Duration budget) {
        return budget.compareTo(MIN_GRACE) < 0 ? MIN_GRACE : budget;
    }

    /**
     * Runs one evaluation on a worker and waits for it until the deadline.
     *
     * @param work   the evaluation
     * @param pack   the rule pack's name and version, for messages and logs (never request content)
     * @param review builds the review decision from the message of an error on {@code $}
     * @param <T>    the decision type
     * @return the work's result; or, when it was not done by the deadline or could not be started, a review
     * @throws RuntimeException what the work threw
     * @throws Error            what the work threw
     */
    public <T> T run(Supplier<T> work, String pack, Function<String, T> review) {
        int stuckNow = stuck.get();
        if (stuckNow > MAX_STUCK) {
            return review.apply("the engine is unhealthy: " + stuckNow + " evaluations are stuck (more than "
                    + MAX_STUCK + "), so rule pack " + pack + " was not run; a pharmacist must review it");
        }
        EvaluationHandle<T> handle = new EvaluationHandle<>(work, Thread.currentThread(), () -> stuckEnded(pack));
        long deadline = System.nanoTime() + waitNanos;
        hand(handle);
        if (handle.awaitUntil(deadline) || !handle.stop()) {
            return handle.result();
        }
        long total = timedOut.incrementAndGet();
        LOG.warn("Rule pack {} did not decide a request within the {} ms budget; stopped it and decided "
                + "PHARMACIST_REVIEW ({} timed out so far)", pack, budgetMillis, total);
        // The check is a few field reads and at most a log line: it runs on the JDK's delay thread itself rather
        // than on the common pool, which on 2 cores starts a thread per task.
        CompletableFuture.delayedExecutor(graceNanos, TimeUnit.NANOSECONDS, Runnable::run)
                .execute(() -> checkStuck(handle, pack));
        return review.apply("rule pack " + pack + " did not decide within the " + budgetMillis
                + " ms budget; a pharmacist must review it");
    }

    private void checkStuck(EvaluationHandle<?> handle, String pack) {
        String worker = handle.workerName();
        int now = handle.countIfStuck(stuck);
        if (now < 0) {
            return;
        }
        LOG.warn("An evaluation of rule pack {} is stuck: worker {} is still running it {} ms after its deadline; "
                + "{} stuck now{}", pack, worker, TimeUnit.NANOSECONDS.toMillis(graceNanos), now,
                now > MAX_STUCK ? " (more than " + MAX_STUCK + ": new evaluations are refused until some end)" : "");
    }

    private void stuckEnded(String pack) {
        int now = stuck.decrementAndGet();
        LOG.info("A stuck evaluation of rule pack {} ended after all; {} stuck now", pack, now);
    }

    /** Gives an evaluation to an idle worker, or to a new one when none is idle. */
    private void hand(EvaluationHandle<?> handle) {
        for (Worker w = idle.pollFirst(); w != null; w = idle.pollFirst()) {
            if (w.offer(handle)) {
                return;
            }
        }
        new Worker(handle).start();
    }

    /** A worker thread: runs the evaluations handed to it through its slot, one after the other. */
    private final class Worker extends Thread {

        /** What {@link #slot} holds once the worker has ended, so that nothing more can be handed to it. */
        private static final Object ENDED = new Object();

        /** The next evaluation, or {@code null}, or {@link #ENDED}. */
        private final AtomicReference<Object> slot;

        Worker(EvaluationHandle<?> first) {
            super("precision-formulary-eval-" + THREADS.incrementAndGet());
            setDaemon(true);
            slot = new AtomicReference<>(first);
        }

        /** @return whether the worker took the evaluation; {@code false} when it has ended */
        boolean offer(EvaluationHandle<?> handle) {
            if (slot.compareAndSet(null, handle)) {
                LockSupport.unpark(this);
                return true;
            }
            return false;
        }

        @Override
        public void run() {
            for (EvaluationHandle<?> handle = next(); handle != null; handle = next()) {
                handle.run(() -> idle.addFirst(this));
            }
        }

        /** @return the next evaluation, or {@code null} after {@link #KEEP_ALIVE} without one (the worker ends) */
        private EvaluationHandle<?> next() {
            long endAt = System.nanoTime() + KEEP_ALIVE.toNanos();
            while (true) {
                Object next = slot.getAndSet(null);
                if (next != null) {
                    return (EvaluationHandle<?>) next;
                }
                long left = endAt - System.nanoTime();
                if (left <= 0 && slot.compareAndSet(null, ENDED)) {
                    idle.remove(this);
                    return null;
                }
                // Nothing pending may interrupt an idle worker; a stray interrupt would turn the wait into a spin.
                Thread.interrupted();
                LockSupport.parkNanos(this, Math.max(left, 0));
            }
        }
    }

    /** @return evaluations stopped at the deadline whose worker has not ended within the grace period */
    public int stuck() {
        return stuck.get();
    }

    /** @return evaluations stopped at their deadline since the engine was built */
    public long timedOut() {
        return timedOut.get();
    }

    /** @return whether new evaluations are run (not more than {@link #MAX_STUCK} stuck) */
    public boolean healthy() {
        return stuck.get() <= MAX_STUCK;
    }
}
