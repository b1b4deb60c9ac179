// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import java.nio.file.Path;
import java.util.Objects;

/** A scenario file that cannot be used: not JSON, an unknown key, a missing request, a bad formulary. */
public class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    /**
     * @param file   the scenario file
     * @param reason what is wrong with it, in words its author can act on
     * @throws NullPointerException when an argument is {@code null}
     */
    public ScenarioException(Path file, String reason) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(reason, "reason"), null, false, false);
        this.file = file;
        this.reason = reason;
    }

    /** @return the scenario file */
    public Path file() {
        return file;
    }

    /** @return what is wrong, without the file name */
    public String reason() {
        return reason;
    }
}
