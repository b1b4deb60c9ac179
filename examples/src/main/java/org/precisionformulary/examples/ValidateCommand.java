// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.engine.RulePackProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code validate DIR}: compiles a rule pack and lints it (compliance, metadata, unique names, explained
 * ordering), printing every problem as {@code file:line: message}. Exit 1 when there is any.
 */
final class ValidateCommand {

    private ValidateCommand() {
    }

    @Command(name = "validate", customSynopsis = "precision-formulary validate DIR",
            description = {"Compiles a rule pack and checks it (GINA and clock rules, metadata, unique names); prints every "
                    + "problem as file:line: message.",
                    "Exit 1 when there is any problem, a pack without rules included."})
    static final class Syntax extends CliCommand {
        @Parameters(index = "0", paramLabel = "DIR", description = "the pack's directory")
        private String dir;

        @Override
        int run(Options options, Console console) {
            return ValidateCommand.run(options, console);
        }
    }

    static int run(Options options, Console console) {
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
