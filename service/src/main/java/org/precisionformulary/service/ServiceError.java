// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import java.util.List;
import org.precisionformulary.model.decision.FieldError;

/**
 * A request the service answers with an HTTP error instead of cards or a decision: the status and what was
 * wrong, field by field. Thrown by the request readers, turned into the error body by {@link ErrorBodies}.
 */
final class ServiceError extends RuntimeException {

    private final int status;
    private final transient List<FieldError> errors;

    ServiceError(int status, List<FieldError> errors) {
        super(errors.isEmpty() ? "HTTP " + status : errors.get(0).field() + ": " + errors.get(0).message(), null,
                false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    static ServiceError badRequest(String field, String message) {
        return new ServiceError(400, List.of(new FieldError(field, message)));
    }

    int status() {
        return status;
    }

    List<FieldError> errors() {
        return errors;
    }
}
