// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.genotype.AlleleResult;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * Every row of CPIC's recommendation table, stated as a request (its lookup key as genotype entries, its
 * population as the indication), comes back through the public API as exactly one finding for that drug
 * and population, with CPIC's classification, text and citations: 100 %.
 */
class CpicConformanceTest {

    private static PrecisionFormulary engine;

    @BeforeAll
    static void build() {
        engine = PrecisionFormulary.builder().build();
    }

    static CoverageRequest requestFor(CpicRecommendation r, String id) {
        List<GenotypeInput> genotypes = new ArrayList<>();
        for (Map.Entry<String, String> e : r.lookupKey().entrySet()) {
            Gene gene = Gene.of(e.getKey());
            String value = e.getValue();
            if (value.equals(GeneResult.NO_RESULT)) {
                continue; // an untested gene is what CPIC's "No Result" means
            }
            switch (gene.kind()) {
                case ACTIVITY_SCORE -> genotypes.add(GenotypeInput.ofActivityScore(gene, value));
                case ALLELE_POSITIVITY -> {
                    String[] parts = value.split(" ");
                    genotypes.add(GenotypeInput.ofAllele(gene, parts[0], AlleleResult.of(parts[1])));
                }
                default -> genotypes.add(GenotypeInput.ofPhenotype(gene, value));
            }
        }
        CoverageRequest request = CoverageRequest.of(id, "M-conformance", r.drug())
                .withGenotypes(genotypes.toArray(GenotypeInput[]::new));
        return r.population().equals("general") ? request : request.withIndication(r.population());
    }

    @Test
    void everyCpicRecommendationIsFoundExactlyAsCpicWroteIt() {
        List<CpicRecommendation> all = CpicData.builtIn().recommendations();
        List<String> failures = new ArrayList<>();
        for (CpicRecommendation r : all) {
            CoverageDecision d = engine.evaluate(requestFor(r, r.recommendationId()));
            List<Finding> found = d.findings().stream()
                    .filter(f -> f.drug().equals(r.drug()) && f.population().equals(r.population())).toList();
            if (found.size() != 1) {
                failures.add(r.recommendationId() + " " + r.drug() + " " + r.population() + " " + r.lookupKey()
                        + ": " + found.size() + " findings, errors " + d.errors());
                continue;
            }
            Finding f = found.get(0);
            if (!r.recommendationId().equals(f.recommendationId())
                    || !r.classification().equals(f.classification().label())
                    || !r.text().equals(f.recommendation())
                    || !r.guidelineId().equals(f.guidelineId())
                    || !r.pmids().equals(f.pmids())
                    || !r.lookupKey().equals(f.lookupKey())) {
                failures.add(r.recommendationId() + ": got " + f);
            }
        }
        assertThat(failures).as("%d of %d recommendations", failures.size(), all.size()).isEmpty();
        assertThat(all).hasSize(1996);
    }
}
