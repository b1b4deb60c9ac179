// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

/** A host helper tests allow in rules ({@code allowInRules}) to make a rule slow on purpose. */
public final class SlowRuleHelper {

    private SlowRuleHelper() {
    }

    /**
     * Sleeps, keeping an interrupt for the caller.
     *
     * @param millis how long
     */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
