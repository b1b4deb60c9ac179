// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test rule's consequence calls to stay inside one firing until the test lets it go: the kind of rule
 * no check between firings can stop. The only class test packs call from DRL, so a pack that must be allowed
 * to call it names one class.
 */
public final class BlockingRuleHelper {

    private static volatile CountDownLatch gate = new CountDownLatch(0);
    private static volatile boolean answersInterrupts;
    private static final AtomicInteger HOLDING = new AtomicInteger();

    private BlockingRuleHelper() {
    }

    /**
     * Makes every later call of {@link #hold()} wait until {@link #release()}.
     *
     * @param interruptible whether an interrupt ends the block (code that waits politely) or is ignored
     *                      (code stuck for good, as far as the engine can tell)
     */
    static void closeGate(boolean interruptible) {
        answersInterrupts = interruptible;
        gate = new CountDownLatch(1);
    }

    /** Lets every held firing, and every later one, through. */
    static void release() {
        gate.countDown();
    }

    /** @return how many firings are being held now */
    static int holding() {
        return HOLDING.get();
    }

    /**
     * Called from the consequence: returns once the gate opens, or, when interrupts are answered, throws when
     * the thread is interrupted.
     *
     * @throws IllegalStateException when interrupted while interrupts are answered
     */
    public static void hold() {
        HOLDING.incrementAndGet();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    gate.await();
                    return;
                } catch (InterruptedException e) {
                    if (answersInterrupts) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while held", e);
                    }
                    interrupted = true;
                }
            }
        } finally {
            HOLDING.decrementAndGet();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
