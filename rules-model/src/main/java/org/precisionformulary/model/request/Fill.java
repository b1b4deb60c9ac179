// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.request;

import java.time.LocalDate;
import java.util.Objects;
import org.precisionformulary.model.drug.DrugRef;

/**
 * A past fill from the member's claims history.
 *
 * @param drug       the drug filled
 * @param filledOn   the fill date
 * @param daysSupply days of supply dispensed
 */
public record Fill(String drug, LocalDate filledOn, int daysSupply) {
    /** @throws IllegalArgumentException when the drug or date is missing or the supply is not positive */
    public Fill {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(filledOn, "filledOn");
        drug = DrugRef.normalise(drug);
        if (daysSupply < 1) {
            throw new IllegalArgumentException("daysSupply must be at least 1, not " + daysSupply);
        }
    }
}
