// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import java.util.List;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * What FHIR input turned into: the coverage request when every element it needs could be read, every
 * problem otherwise, and what was left out on purpose (a preliminary result, a resource type the mapper does
 * not read), for the caller to show.
 *
 * @param request  the request, or {@code null} when there are errors
 * @param errors   one per element that could not be read, naming it, e.g.
 *                 {@code Observation/obs-3.component[0].valueCodeableConcept}; empty when the request was built
 * @param messages what was not used and why, one sentence each, in input order
 */
public record FhirMapping(CoverageRequest request, List<FieldError> errors, List<String> messages) {

    /** @throws IllegalArgumentException when there is a request and errors too, or neither */
    public FhirMapping {
        errors = List.copyOf(errors);
        messages = List.copyOf(messages);
        if ((request == null) == errors.isEmpty()) {
            throw new IllegalArgumentException(request == null
                    ? "a mapping without a request says why in errors" : "a mapping with errors has no request");
        }
    }

    /** @return {@code true} when the request was built */
    public boolean isValid() {
        return request != null;
    }
}
