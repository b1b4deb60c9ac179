// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

import java.util.List;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * What a request text turned into: the request when it is well formed, and every problem found.
 *
 * @param requestId the request id if one could be read, else {@code null}
 * @param request   the request, or {@code null} when it could not be built
 * @param errors    every problem, each naming its field; empty for a well-formed request
 * @param rawText   the text as received, for the audit hash
 */
public record ParsedRequest(String requestId, CoverageRequest request, List<FieldError> errors, String rawText) {
    /** Copies the list. */
    public ParsedRequest {
        errors = List.copyOf(errors);
    }

    /** @return {@code true} when there is a request and no error */
    public boolean isValid() {
        return request != null && errors.isEmpty();
    }
}
