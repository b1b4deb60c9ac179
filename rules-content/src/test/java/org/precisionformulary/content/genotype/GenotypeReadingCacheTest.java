// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.genotype;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.CacheStats;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GenotypeInput;

/** The interpreter's reading cache stays bounded and keeps admitting entries once full, and counts its hits. */
class GenotypeReadingCacheTest {

    private static GenotypeInput activityScore(int i) {
        // Distinct texts; most are not CPIC scores, and a rejection is remembered like a reading.
        return GenotypeInput.ofActivityScore(Gene.CYP2D6, i % 2 == 0 ? "1.0" + "0".repeat(i) : "x" + i);
    }

    @Test
    void pastItsSizeTheCacheStillKeepsANewEntryAndItsSecondReadingHits() {
        GenotypeInterpreter interpreter = new GenotypeInterpreter(CpicData.builtIn(), 20);
        for (int i = 0; i < 200; i++) {
            interpreter.interpret(List.of(activityScore(i)));
        }
        assertThat(interpreter.readingCacheStats().misses()).isEqualTo(200);

        GenotypeInput fresh = GenotypeInput.ofDiplotype(Gene.CYP2C19, "*2/*2");
        var first = interpreter.interpret(List.of(fresh));
        var second = interpreter.interpret(List.of(fresh));

        CacheStats stats = interpreter.readingCacheStats();
        assertThat(stats.misses()).isEqualTo(201);
        assertThat(stats.hits()).as("the new entry's second reading").isEqualTo(1);
        assertThat(stats.size()).isLessThanOrEqualTo(20);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theDefaultSizeIsFiftyThousandEntries() {
        assertThat(new GenotypeInterpreter(CpicData.builtIn()).readingCacheStats().maximumSize()).isEqualTo(50_000);
    }
}
