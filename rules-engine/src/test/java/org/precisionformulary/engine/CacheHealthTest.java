// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The engine's caches are sized by the builder and their counts read from {@code health()}. */
class CacheHealthTest {

    private static String request(String diplotype) {
        return "{\"requestId\":\"C\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"codeine\"},"
                + "\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"" + diplotype + "\"}]}";
    }

    @Test
    void healthCountsHitsAndMissesOfBothCachesAtTheSizesTheBuilderSet() {
        PrecisionFormulary engine = PrecisionFormulary.builder().genotypeReadingCacheSize(2).findingCacheSize(3)
                .evaluationBudget(java.time.Duration.ofSeconds(30)).build();
        engine.evaluate(request("*1/*1"));
        engine.evaluate(request("*1/*1"));
        EngineHealth health = engine.health();
        assertThat(health.genotypeReadings().maximumSize()).isEqualTo(2);
        assertThat(health.genotypeReadings().hits()).isGreaterThanOrEqualTo(1);
        assertThat(health.genotypeReadings().misses()).isGreaterThanOrEqualTo(1);
        assertThat(health.findings()).isNotNull();
        assertThat(health.findings().maximumSize()).isEqualTo(3);
        assertThat(health.findings().hits()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutKeptFindingsHealthHasNoFindingCacheAndANegativeSizeIsRefused() {
        PrecisionFormulary engine = PrecisionFormulary.builder().cacheFindings(false).build();
        assertThat(engine.health().findings()).isNull();
        assertThatThrownBy(() -> PrecisionFormulary.builder().findingCacheSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("findingCacheSize");
    }
}
