// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.genotype;

import java.util.List;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.genotype.GeneResult;

/**
 * A request's genotype entries, interpreted.
 *
 * @param results one result per tested gene (per tested allele for HLA genes), then a {@code No Result}
 *                stand-in for every gene the request did not carry
 * @param errors  entries that could not be interpreted, each naming its field
 * @param notes   plain sentences about interpretation choices the pharmacist should know of
 */
public record GenotypeInterpretation(List<GeneResult> results, List<FieldError> errors, List<String> notes) {
    /** Copies the lists. */
    public GenotypeInterpretation {
        results = List.copyOf(results);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }
}
