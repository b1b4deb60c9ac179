// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.request;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * When a request was submitted and how urgent it is: what the legal response deadline of an exception request
 * (a step-therapy or prior-authorization hold) counts from. Most state step-therapy laws give 72 hours, or 24
 * when the prescriber says waiting could seriously harm the patient; the plan's policy says which apply.
 *
 * @param submittedAt when the request reached the plan
 * @param urgency     standard or expedited
 */
public record Submission(Instant submittedAt, Urgency urgency) {

    /** How soon the plan must answer. */
    public enum Urgency {
        STANDARD, EXPEDITED;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param text {@code standard} or {@code expedited}, in any case
         * @return the urgency
         * @throws IllegalArgumentException for any other text
         */
        @JsonCreator
        public static Urgency of(String text) {
            for (Urgency u : values()) {
                if (u.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return u;
                }
            }
            throw new IllegalArgumentException("urgency is standard or expedited, not '" + text + "'");
        }
    }

    /** @throws NullPointerException when the time is missing; a missing urgency is standard */
    public Submission {
        Objects.requireNonNull(submittedAt, "submittedAt");
        urgency = urgency == null ? Urgency.STANDARD : urgency;
    }
}
