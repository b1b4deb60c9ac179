// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.request.CoverageRequest;
import org.precisionformulary.model.request.Fill;

/**
 * The validation stage past what reading a request checks: dates that cannot be true of a claim decided on
 * a given day. Each problem is an error naming its field.
 */
final class RequestChecks {

    private RequestChecks() {
    }

    /**
     * @param request     a request read without errors
     * @param serviceDate its service date (the evaluation date when it gives none)
     * @param today       the evaluation date
     * @return the errors, the service date's first; empty when the dates are consistent
     */
    static List<FieldError> dates(CoverageRequest request, LocalDate serviceDate, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        // A claim is adjudicated on or after its date of service; a day's grace covers time zones.
        if (serviceDate.isAfter(today.plusDays(1))) {
            errors.add(new FieldError("serviceDate", "service date " + serviceDate + " is in the future (evaluated on "
                    + today + ")"));
        }
        LocalDate birth = request.member().birthDate();
        if (birth != null && birth.isAfter(serviceDate)) {
            errors.add(new FieldError("member.birthDate", "birth date " + birth + " is after the service date " + serviceDate));
        }
        for (int i = 0; i < request.genotypes().size(); i++) {
            LocalDate reported = request.genotypes().get(i).resultDate();
            if (reported != null && reported.isAfter(serviceDate)) {
                errors.add(new FieldError("genotypes[" + i + "].resultDate", "result date " + reported
                        + " is after the service date " + serviceDate));
            }
        }
        for (int i = 0; i < request.history().size(); i++) {
            Fill fill = request.history().get(i);
            if (fill.filledOn().isAfter(serviceDate)) {
                errors.add(new FieldError("history[" + i + "].filledOn", "fill date " + fill.filledOn()
                        + " is after the service date " + serviceDate));
            }
        }
        return errors;
    }
}
