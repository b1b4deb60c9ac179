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

    /**
     * @param markers the request's biomarker results
     * @return why no criterion is met, naming each criterion as missing or unmet
     */
    public String explainUnmet(List<org.precisionformulary.model.request.Biomarker> markers) {
        StringBuilder sb = new StringBuilder("prior authorization needed: ");
        for (int i = 0; i < anyOf.size(); i++) {
            BiomarkerCriterion c = anyOf.get(i);
            sb.append(i == 0 ? "" : "; or ").append(c.describe());
            var onFile = markers.stream().filter(m -> m.name().trim().equalsIgnoreCase(c.biomarker().trim())).toList();
            if (onFile.isEmpty()) {
                sb.append(" (no ").append(c.biomarker()).append(" result on file)");
            } else {
                sb.append(" (on file: ").append(onFile.stream().map(m -> m.result() != null ? m.result()
                        : String.valueOf(m.value())).collect(java.util.stream.Collectors.joining(", "))).append(", not met)");
            }
        }
        return sb.toString();
    }
}
