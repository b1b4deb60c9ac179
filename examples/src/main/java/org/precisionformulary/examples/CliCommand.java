// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.IOException;
import picocli.CommandLine.Command;

/**
 * One command's syntax as picocli reads it: each command declares its options and positionals on a subclass
 * (for parsing, {@code --help} and the usage line) and {@link #run} hands the matched values, as {@link Options},
 * to the command's code. The annotated fields are declarations only; values are read through {@link Options}, so
 * every check on a value names its option the same way.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        usageHelpWidth = 110, exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failed checks (see the command's description)", "2:usage error"})
abstract class CliCommand {

    /**
     * @return the exit code
     * @throws UsageException when the command line is wrong in a way only the command can tell
     * @throws IOException    when a file cannot be read or written
     */
    abstract int run(Options options, Console console) throws IOException;
}
