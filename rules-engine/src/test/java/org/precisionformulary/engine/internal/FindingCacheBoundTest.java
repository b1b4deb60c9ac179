// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.CacheStats;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;

/** The finding cache is bounded, keeps admitting keys once full, counts its hits, and is sized by a property. */
class FindingCacheBoundTest {

    private static final long BUDGET = TimeUnit.SECONDS.toNanos(10);

    private static CompiledPack pack;

    @BeforeAll
    static void load() {
        pack = CompiledPack.builtIn(FindingCacheBoundTest.class.getClassLoader());
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(PrecisionFormulary.FINDING_CACHE_SIZE_PROPERTY);
    }

    private static SessionResult codeine(FindingStage stage, String activityScore) {
        GeneResult cyp2d6 = new GeneResult(Gene.CYP2D6, "Poor Metabolizer", activityScore, activityScore, null, true);
        return stage.findings("codeine", "general", List.of(cyp2d6), 10_000, BUDGET, System.nanoTime() + BUDGET);
    }

    @Test
    void pastItsSizeTheCacheStillKeepsANewKeyAndItsSecondUseHits() {
        FindingStage stage = FindingStage.plan(pack, 10);
        for (int i = 0; i < 100; i++) {
            codeine(stage, "9." + i);
        }
        assertThat(stage.cacheStats()).get().extracting(CacheStats::misses).isEqualTo(100L);

        SessionResult first = codeine(stage, "0.0");
        SessionResult second = codeine(stage, "0.0");

        CacheStats stats = stage.cacheStats().orElseThrow();
        assertThat(stats.hits()).as("the new key's second use").isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(101);
        assertThat(stats.size()).isLessThanOrEqualTo(10);
        assertThat(stats.evictions()).isGreaterThanOrEqualTo(90);
        // The kept answer is the rules' answer: activity score 0 fires codeine's avoid rule.
        assertThat(first.firedRules()).isNotEmpty();
        assertThat(second.firedRules()).isEqualTo(first.firedRules());
        assertThat(second.results()).isEqualTo(first.results());
    }

    @Test
    void withoutCachingThereIsNoCacheToReport() {
        FindingStage stage = FindingStage.plan(pack, false);
        codeine(stage, "0.0");
        assertThat(stage.cacheStats()).isEmpty();
    }

    @Test
    void theSizeIsOneHundredThousandKeysUnlessItsPropertySaysOtherwise() {
        assertThat(FindingStage.plan(pack, true).cacheStats().orElseThrow().maximumSize()).isEqualTo(100_000);

        System.setProperty(PrecisionFormulary.FINDING_CACHE_SIZE_PROPERTY, "2500");
        assertThat(FindingStage.plan(pack, true).cacheStats().orElseThrow().maximumSize()).isEqualTo(2_500);

        System.setProperty(PrecisionFormulary.FINDING_CACHE_SIZE_PROPERTY, "many");
        assertThatThrownBy(() -> FindingStage.plan(pack, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PrecisionFormulary.FINDING_CACHE_SIZE_PROPERTY + "=many");
    }
}
