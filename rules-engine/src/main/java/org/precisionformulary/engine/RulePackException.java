// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A rule pack that cannot be used: every compiler message, with file and line. */
public class RulePackException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<RulePackProblem> problems;

    /**
     * @param summary  what failed
     * @param problems every problem found
     */
    public RulePackException(String summary, List<RulePackProblem> problems) {
        this(summary, problems, null);
    }

    /**
     * @param summary  what failed
     * @param problems every problem found
     * @param cause    the underlying failure, or {@code null}
     */
    public RulePackException(String summary, List<RulePackProblem> problems, Throwable cause) {
        super(summary + (problems.isEmpty() ? "" : ":\n" + problems.stream().map(RulePackProblem::toString)
                .collect(Collectors.joining("\n"))), cause);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, in the order the compiler reported them */
    public List<RulePackProblem> problems() {
        return problems;
    }
}
