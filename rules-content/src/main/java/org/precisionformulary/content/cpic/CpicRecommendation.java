// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.cpic;

import java.util.List;
import java.util.Map;

/**
 * One row of CPIC's recommendation table.
 *
 * @param guidelineId      guideline annotation id
 * @param guidelineName    guideline annotation name
 * @param guidelineUrl     guideline annotation page
 * @param drug             lower-case drug name
 * @param population       CPIC population
 * @param lookupKey        gene to key value, genes sorted
 * @param classification   CPIC classification as written, e.g. {@code Strong}, {@code No recommendation}
 * @param text             the recommendation
 * @param implications     one implication per gene, {@code GENE: text}
 * @param recommendationId recommendation record id
 * @param pmids            guideline publications, newest first
 */
public record CpicRecommendation(String guidelineId, String guidelineName, String guidelineUrl, String drug,
                                 String population, Map<String, String> lookupKey, String classification,
                                 String text, List<String> implications, String recommendationId,
                                 List<String> pmids) {
}
