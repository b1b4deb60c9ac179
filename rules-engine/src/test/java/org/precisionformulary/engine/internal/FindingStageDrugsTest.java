// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.CacheStats;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.fact.GenomicFinding;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;

/**
 * The finding stage asks for a drug's findings only where a gene–drug rule can conclude on it: a drug no rule
 * names has none, without a session or a cache look-up, unless some rule names no drug at all.
 */
class FindingStageDrugsTest {

    private static final long BUDGET = TimeUnit.SECONDS.toNanos(10);
    private static final GeneResult POOR_CYP2D6 =
            new GeneResult(Gene.CYP2D6, "Poor Metabolizer", "0.0", "0.0", "*4/*4", true);

    private static SessionResult findings(FindingStage stage, String drug) {
        return stage.findings(drug, "general", List.of(POOR_CYP2D6), 10_000, BUDGET, System.nanoTime() + BUDGET);
    }

    @Test
    void aDrugNoCpicRuleNamesHasNoFindingsAndCostsNoLookUp() {
        FindingStage stage = FindingStage.plan(CompiledPack.builtIn(getClass().getClassLoader()), 100);

        SessionResult metformin = findings(stage, "metformin");
        assertThat(metformin.results()).isEmpty();
        assertThat(metformin.firedRules()).isEmpty();
        assertThat(metformin.failure()).isNull();
        assertThat(stage.cacheStats()).get().extracting(CacheStats::hits, CacheStats::misses).containsExactly(0L, 0L);

        // A drug the CPIC rules name still goes through the cache, and its rule still finds.
        SessionResult codeine = findings(stage, "codeine");
        assertThat(codeine.results()).extracting(i -> ((GenomicFinding) i.fact()).action()).contains(Action.AVOID);
        assertThat(stage.cacheStats()).get().extracting(CacheStats::misses).isEqualTo(1L);
    }

    @Test
    void aRuleThatNamesNoDrugStillFindsOnEveryDrug() {
        TreeMap<String, byte[]> files = new TreeMap<>();
        files.put("local/any-drug.drl", """
                package local.genes;
                import org.precisionformulary.model.decision.Action;
                import org.precisionformulary.model.decision.Classification;
                import org.precisionformulary.model.fact.CandidatePopulation;
                import org.precisionformulary.model.fact.GenomicFinding;
                import org.precisionformulary.model.genotype.Gene;
                import org.precisionformulary.model.genotype.GeneResult;
                rule "any drug: CYP2D6 poor metabolizer"
                when
                    CandidatePopulation( $drug : drug, $population : population )
                    $r : GeneResult( gene == Gene.CYP2D6, phenotype == "Poor Metabolizer" )
                then
                    insert( GenomicFinding.of( $drug, $population, Classification.MODERATE, Action.CONSIDER_ALTERNATIVE, $r ) );
                end
                """.getBytes(StandardCharsets.UTF_8));
        FindingStage stage = FindingStage.plan(CompiledPack.compile(files, "test", null), 100);
        assertThat(stage.enabled()).isTrue();

        SessionResult metformin = findings(stage, "metformin");

        assertThat(metformin.firedRules()).containsExactly("any drug: CYP2D6 poor metabolizer");
        assertThat(metformin.results()).singleElement()
                .satisfies(i -> assertThat(((GenomicFinding) i.fact()).drug()).isEqualTo("metformin"));
    }
}
