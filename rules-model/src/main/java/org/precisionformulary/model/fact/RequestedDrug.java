// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The drug the claim is for, resolved to the formulary's name where the formulary knows it.
 *
 * @param drug        the drug name
 * @param serviceDate the date of service; look-backs count back from it
 */
public record RequestedDrug(String drug, LocalDate serviceDate) {
    /** @throws NullPointerException when an argument is missing */
    public RequestedDrug {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(serviceDate, "serviceDate");
    }
}
