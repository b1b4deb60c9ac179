// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the command line in-process, as {@code main} would, and keeps what it printed.
 *
 * @param exitCode what {@code main} would exit with
 * @param out      standard output
 * @param err      standard error
 */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        return runWithInput("", args);
    }

    static Cli runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e);
            return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
