// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams a command talks through, passed in so tests run commands in-process.
 *
 * @param in  the request text for {@code evaluate} without a file
 * @param out the command's output, and nothing else
 * @param err messages, progress and the usage
 */
record Console(InputStream in, PrintStream out, PrintStream err) {
}
