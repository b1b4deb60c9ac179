// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One CPIC recommendation that applies to one drug for this member, with the evidence behind it.
 *
 * @param drug             the drug the recommendation is about
 * @param population       the CPIC population, e.g. {@code general}, {@code CVI ACS PCI}
 * @param genes            gene to the member's phenotype (or allele result), as matched
 * @param lookupKey        gene to the value CPIC's table keys on, e.g. the activity score
 * @param classification   CPIC's strength of recommendation
 * @param action           the recommendation reduced to what routing acts on
 * @param recommendation   CPIC's recommendation text
 * @param implications     CPIC's phenotype implications, one per gene
 * @param guidelineId      the guideline annotation id, e.g. {@code PA166104996}
 * @param guidelineUrl     where the guideline annotation can be read
 * @param pmids            PubMed ids of the guideline publications
 * @param recommendationId the recommendation record id
 * @param ruleId           the name of the rule that found it
 * @param cpicCondition    for an {@code AVOID}, the condition under which CPIC still allows the drug, in
 *                         CPIC's words (e.g. "unless the high risk of permanent hearing loss is outweighed by
 *                         ..."); {@code null} when CPIC states none or the action is not {@code AVOID}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"drug", "population", "genes", "lookupKey", "classification", "action", "recommendation",
        "implications", "guidelineId", "guidelineUrl", "pmids", "recommendationId", "ruleId", "cpicCondition"})
public record Finding(String drug, String population, Map<String, String> genes, Map<String, String> lookupKey,
                      Classification classification, Action action, String recommendation, List<String> implications,
                      String guidelineId, String guidelineUrl, List<String> pmids, String recommendationId,
                      String ruleId, String cpicCondition) {

    /** @throws NullPointerException when drug, action or ruleId is missing */
    public Finding {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(ruleId, "ruleId");
        genes = genes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(genes));
        lookupKey = lookupKey == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(lookupKey));
        implications = implications == null ? List.of() : List.copyOf(implications);
        pmids = pmids == null ? List.of() : List.copyOf(pmids);
    }

    /** A finding for which CPIC states no condition of use (every action but some {@code AVOID}s). */
    public Finding(String drug, String population, Map<String, String> genes, Map<String, String> lookupKey,
                   Classification classification, Action action, String recommendation, List<String> implications,
                   String guidelineId, String guidelineUrl, List<String> pmids, String recommendationId,
                   String ruleId) {
        this(drug, population, genes, lookupKey, classification, action, recommendation, implications, guidelineId,
                guidelineUrl, pmids, recommendationId, ruleId, null);
    }
}
