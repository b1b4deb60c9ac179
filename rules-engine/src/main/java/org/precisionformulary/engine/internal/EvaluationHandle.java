// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.kie.api.runtime.KieSession;

/**
 * One evaluation running on a worker thread, as the caller waiting for it sees it: the result when it is
 * done, and a way to stop it at its deadline. {@link SessionRunner} registers the session it is firing here,
 * so {@link #stop()} can halt that session from the caller's thread.
 *
 * @param <T> what the evaluation produces
 */
public final class EvaluationHandle<T> {

    /** The evaluation the current thread is running, so sessions can register without changing signatures. */
    private static final ThreadLocal<EvaluationHandle<?>> CURRENT = new ThreadLocal<>();

    private final Supplier<T> work;
    private final Thread caller;
    private final Runnable onStuckEnd;

    /** Set once the work has returned or thrown; {@link #result} and {@link #failure} are then final. */
    private volatile boolean done;
    private T result;
    private Throwable failure;

    // Written under this monitor: who runs the evaluation, its live session, and where it is in its life.
    private Thread worker;
    private KieSession session;
    /** Read without the monitor after every rule firing, so volatile. */
    private volatile boolean stopped;
    private boolean finished;
    private boolean stuck;

    /**
     * @param work       the evaluation
     * @param caller     the thread waiting for it, woken when it is done
     * @param onStuckEnd run when an evaluation counted as stuck ends after all
     */
    EvaluationHandle(Supplier<T> work, Thread caller, Runnable onStuckEnd) {
        this.work = work;
        this.caller = caller;
        this.onStuckEnd = onStuckEnd;
    }

    /** @return the evaluation the current thread is running, or {@code null} on a thread that runs none */
    static EvaluationHandle<?> current() {
        return CURRENT.get();
    }

    /**
     * Runs the evaluation on the current thread, then wakes the caller.
     *
     * @param free run once the evaluation is over and before the caller is woken: the worker lists itself as
     *             idle there, so the caller's next evaluation finds it, even before it has gone to sleep
     */
    void run(Runnable free) {
        synchronized (this) {
            worker = Thread.currentThread();
        }
        CURRENT.set(this);
        try {
            if (!isStopped()) {
                result = work.get();
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            CURRENT.remove();
            boolean endedStuck;
            synchronized (this) {
                finished = true;
                worker = null;
                endedStuck = stuck;
            }
            // An interrupt meant for this evaluation must not reach the next one this worker runs.
            Thread.interrupted();
            try {
                free.run();
            } finally {
                done = true;
                LockSupport.unpark(caller);
            }
            if (endedStuck) {
                onStuckEnd.run();
            }
        }
    }

    /**
     * Waits for the evaluation until a deadline. The caller's interrupt does not cut the wait short (it is at
     * most the budget and its margin); the caller's interrupt status is kept.
     *
     * @param deadline when to stop waiting ({@link System#nanoTime()})
     * @return whether the evaluation is done
     */
    boolean awaitUntil(long deadline) {
        boolean interrupted = false;
        while (!done) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, left);
            // parkNanos returns at once while the interrupt status is set: clear it, restore it on the way out.
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return done;
    }

    /**
     * The evaluation's result, once it is done or has been found finished by {@link #stop()}.
     *
     * @return what the work returned
     * @throws RuntimeException what the work threw
     * @throws Error            what the work threw
     */
    T result() {
        synchronized (this) {
            // The monitor orders this read after the worker's writes when done has not been seen yet.
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }

    /**
     * Stops the evaluation: marks it stopped so no further session starts, halts the session firing now
     * (it stops after the current firing) and interrupts the worker (for a consequence waiting on something).
     *
     * @return {@code false} when the evaluation had already finished, so its result stands
     */
    synchronized boolean stop() {
        if (finished) {
            return false;
        }
        stopped = true;
        if (session != null) {
            session.halt();
        }
        if (worker != null) {
            worker.interrupt();
        }
        return true;
    }

    /**
     * Counts the evaluation as stuck if its worker is still running it. Counted under this monitor, so the
     * count goes down (when the worker ends) only after it went up.
     *
     * @param count the engine's count of stuck evaluations
     * @return the count with this evaluation, or {@code -1} when it has ended and is not counted
     */
    synchronized int countIfStuck(AtomicInteger count) {
        if (finished) {
            return -1;
        }
        stuck = true;
        return count.incrementAndGet();
    }

    /** @return the name of the thread running the evaluation, or {@code null} when none is */
    synchronized String workerName() {
        return worker == null ? null : worker.getName();
    }

    /** @return whether the evaluation was stopped at its deadline; a stopped evaluation's results are void */
    boolean isStopped() {
        return stopped;
    }

    /**
     * Registers the session about to fire.
     *
     * @param live the session
     * @return {@code false} when the evaluation was stopped already: the session must not run
     */
    synchronized boolean enter(KieSession live) {
        if (stopped) {
            return false;
        }
        session = live;
        return true;
    }

    /** Unregisters the session that has finished firing. */
    synchronized void leave() {
        session = null;
    }
}
