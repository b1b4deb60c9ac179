// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

import java.util.Objects;

/**
 * One problem with a request, naming the field as a JSON path, e.g. {@code genotypes[1].diplotype}.
 *
 * @param field   the field, or {@code $} for the whole request
 * @param message what is wrong, in words a pharmacist can act on
 */
public record FieldError(String field, String message) {
    /** @throws NullPointerException when an argument is missing */
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
