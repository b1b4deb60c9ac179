// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

import java.util.List;

/**
 * Prior authorization criteria: met when any one criterion is.
 *
 * @param anyOf the criteria
 */
public record PriorAuth(List<BiomarkerCriterion> anyOf) {
    /** @throws IllegalArgumentException when there is no criterion */
    public PriorAuth {
        if (anyOf == null || anyOf.isEmpty()) {
            throw new IllegalArgumentException("priorAuth.anyOf names at least one criterion");
        }
        anyOf = List.copyOf(anyOf);
    }
}
