// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.model.fact.TestingGap;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;

/**
 * Which genes each drug's Strong CPIC recommendations depend on, read once from the CPIC tables, and which of
 * them a request has no result for ({@link TestingGap}). A recommendation depends on a gene when its lookup key
 * gives that gene a value other than {@code No Result}: CPIC's multi-gene tables also key rows on one gene
 * being untested, and those rows depend on the other gene only.
 */
final class TestingGaps {

    private static final String NO_RESULT = "No Result";

    /** drug to gene to the first Strong recommendation's guideline that depends on it */
    private final Map<String, Map<Gene, CpicRecommendation>> strongByDrug = new HashMap<>();

    TestingGaps(CpicData cpic) {
        for (CpicRecommendation r : cpic.recommendations()) {
            if (!r.classification().equals("Strong")) {
                continue;
            }
            r.lookupKey().forEach((symbol, value) -> Gene.find(symbol).filter(g -> !value.equals(NO_RESULT))
                    .ifPresent(gene -> strongByDrug.computeIfAbsent(r.drug(), d -> new EnumMap<>(Gene.class))
                            .putIfAbsent(gene, r)));
        }
    }

    /**
     * @param drug    the requested drug
     * @param results the member's gene results (untested genes as {@code No Result} stand-ins)
     * @return a gap for each gene the drug's Strong recommendations depend on and the results do not test
     */
    List<TestingGap> of(String drug, List<GeneResult> results) {
        Map<Gene, CpicRecommendation> genes = strongByDrug.get(drug);
        if (genes == null) {
            return List.of();
        }
        List<TestingGap> gaps = new ArrayList<>(1);
        genes.forEach((gene, r) -> {
            if (results.stream().noneMatch(g -> g.gene() == gene && g.tested())) {
                gaps.add(new TestingGap(drug, gene, r.guidelineId(), r.guidelineUrl()));
            }
        });
        return gaps;
    }
}
