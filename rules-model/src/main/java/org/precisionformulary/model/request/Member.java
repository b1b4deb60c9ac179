// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * The member a claim is for.
 *
 * @param id              the member id (required)
 * @param planId          the plan, optional
 * @param birthDate       optional; selects CPIC populations by age when no indication is given
 * @param monitoringGroup optional; used only by equity reports and never given to a rule
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Member(String id, String planId, LocalDate birthDate, String monitoringGroup) {
    /** @throws IllegalArgumentException when the id is missing */
    public Member {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("member.id is missing");
        }
    }

    /**
     * @param id the member id
     * @return a member with only an id
     * @throws IllegalArgumentException when the id is blank
     */
    public static Member of(String id) {
        return new Member(id, null, null, null);
    }
}
