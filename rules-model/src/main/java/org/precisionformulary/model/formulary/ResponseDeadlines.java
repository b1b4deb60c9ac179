// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

import java.time.Duration;
import java.time.Instant;
import org.precisionformulary.model.request.Submission;

/**
 * The hours within which the plan must answer an exception request, by urgency, as the law of its
 * jurisdiction sets them: 72 standard and 24 expedited in most state step-therapy laws, the default here. A
 * plan under another regime (Medicare Part D's coverage determinations, a state with business days) sets its
 * own; the engine counts clock hours from the submission.
 *
 * @param standardHours  hours for a standard request, 1 to 720
 * @param expeditedHours hours for an expedited request, 1 to the standard hours
 */
public record ResponseDeadlines(int standardHours, int expeditedHours) {

    /** 72 hours standard, 24 expedited. */
    public static final ResponseDeadlines DEFAULT = new ResponseDeadlines(72, 24);

    /** @throws IllegalArgumentException naming the field, for hours out of range */
    public ResponseDeadlines {
        if (standardHours < 1 || standardHours > 720) {
            throw new IllegalArgumentException("exceptionResponse.standardHours must be between 1 and 720, not "
                    + standardHours);
        }
        if (expeditedHours < 1 || expeditedHours > standardHours) {
            throw new IllegalArgumentException("exceptionResponse.expeditedHours must be between 1 and standardHours ("
                    + standardHours + "), not " + expeditedHours);
        }
    }

    /**
     * @param submission when and how urgently the request was made
     * @return the moment the plan's answer is due
     */
    public Instant respondBy(Submission submission) {
        int hours = submission.urgency() == Submission.Urgency.EXPEDITED ? expeditedHours : standardHours;
        return submission.submittedAt().plus(Duration.ofHours(hours));
    }

    /**
     * @param urgency an urgency
     * @return the hours it gives
     */
    public int hours(Submission.Urgency urgency) {
        return urgency == Submission.Urgency.EXPEDITED ? expeditedHours : standardHours;
    }
}
