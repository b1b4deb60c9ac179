// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

/** The command line was wrong: the user gets this message and the usage, and exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
