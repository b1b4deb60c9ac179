// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

/** A formulary document that cannot be used; the message names the file and the field. */
public class FormularyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, and where
     * @param cause   the underlying problem, or {@code null}
     */
    public FormularyException(String message, Throwable cause) {
        super(message, cause);
    }
}
