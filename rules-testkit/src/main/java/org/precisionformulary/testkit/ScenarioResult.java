// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What running one scenario showed.
 *
 * @param name         the scenario's name, its path under the suite directory
 * @param file         the scenario file
 * @param description  the scenario's description, or {@code null} when its file could not be read
 * @param status       passed, failed, or pending (a known engine issue that still shows)
 * @param problem      why the scenario could not be checked, or why it failed apart from its mismatches
 *                     (an unreadable file, a pending scenario that passes now); {@code null} when none
 * @param mismatches   every way the decision differs from the expectation
 * @param firedRules   the rules that fired, in firing order
 * @param decisionJson the decision as indented contract JSON, or {@code null} when there was none
 */
public record ScenarioResult(String name, Path file, String description, Status status, String problem,
                             List<Mismatch> mismatches, List<String> firedRules, String decisionJson) {

    /** How a scenario came out. */
    public enum Status {
        /** The decision has everything the scenario expects. */
        PASSED,
        /** The decision differs, or the scenario could not be read or run. */
        FAILED,
        /** The decision differs in a way the scenario's {@code pending} note says the engine is known to. */
        PENDING
    }

    /** @throws NullPointerException when name, file or status is {@code null} */
    public ScenarioResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(status, "status");
        mismatches = mismatches == null ? List.of() : List.copyOf(mismatches);
        firedRules = firedRules == null ? List.of() : List.copyOf(firedRules);
    }

    static ScenarioResult unreadable(String name, ScenarioException e) {
        return new ScenarioResult(name, e.file(), null, Status.FAILED, "cannot use this scenario file: " + e.reason(),
                List.of(), List.of(), null);
    }

    /** @return {@code true} when the scenario passed */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /**
     * A report for people: the first line is {@code PASS name}, {@code PENDING name: why} or
     * {@code FAIL name: description}; a failure goes on with indented lines giving the problem, each mismatch
     * as {@code path: expected X / actual Y}, the fired rules and the decision.
     *
     * @return the report, lines separated by {@code \n}, without a final line break
     */
    public String report() {
        StringBuilder out = new StringBuilder();
        switch (status) {
            case PASSED -> out.append("PASS ").append(name);
            case PENDING -> {
                out.append("PENDING ").append(name).append(": ").append(problem);
                mismatches.forEach(m -> out.append("\n    ").append(m));
            }
            case FAILED -> {
                out.append("FAIL ").append(name).append(": ")
                        .append(description != null ? description : problem);
                if (description != null) {
                    out.append("\n    file: ").append(file);
                    if (problem != null) {
                        out.append("\n    ").append(problem);
                    }
                }
                mismatches.forEach(m -> out.append("\n    ").append(m));
                if (decisionJson != null) {
                    out.append("\n    fired rules:");
                    if (firedRules.isEmpty()) {
                        out.append(" none");
                    }
                    firedRules.forEach(r -> out.append("\n      - ").append(r));
                    out.append("\n    decision:\n      ").append(decisionJson.strip().replace("\n", "\n      "));
                }
            }
            default -> throw new IllegalStateException(status.toString());
        }
        return out.toString();
    }
}
