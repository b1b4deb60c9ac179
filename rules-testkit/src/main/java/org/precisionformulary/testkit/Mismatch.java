// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import java.util.Objects;

/**
 * One way a decision differs from what its scenario expects.
 *
 * @param path     where, in the scenario's {@code expect}, e.g. {@code outcome} or {@code findings[0].action}
 * @param expected what the scenario expects, as JSON text or words
 * @param actual   what the decision has, as JSON text or words
 */
public record Mismatch(String path, String expected, String actual) {

    /** @throws NullPointerException when an argument is {@code null} */
    public Mismatch {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
    }

    /** @return {@code path: expected X / actual Y} */
    @Override
    public String toString() {
        return path + ": expected " + expected + " / actual " + actual;
    }
}
