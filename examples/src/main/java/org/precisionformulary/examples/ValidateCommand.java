// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.engine.RulePackProblem;

/**
 * {@code validate DIR}: compiles a rule pack and lints it (compliance, metadata, unique names, explained
 * ordering), printing every problem as {@code file:line: message}. Exit 1 when there is any.
 */
final class ValidateCommand {

    private ValidateCommand() {
    }

    static int run(List<String> args, Console console) {
        Options options = Options.parse("validate", args, Set.of(), 1, 1, "DIR");
        Path dir = options.toPath("DIR", options.positionals().get(0));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("validate: " + dir + " is not a directory");
        }
        List<RulePackProblem> problems = RulePack.validate(dir);
        problems.forEach(p -> console.out().println(p));
        console.out().println(problems.isEmpty() ? dir + ": no problems" : problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
        return problems.isEmpty() ? 0 : 1;
    }
}
