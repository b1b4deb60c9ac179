// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

/**
 * One compiler or lint message about a rule pack.
 *
 * @param file    the DRL file, relative to the pack root
 * @param line    the line, or 0 when the compiler gives none (it then concerns the whole rule)
 * @param message what is wrong
 */
public record RulePackProblem(String file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
