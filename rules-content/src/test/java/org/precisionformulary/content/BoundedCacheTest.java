// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    private static final String PROPERTY = "precisionformulary.test.cacheSize";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void aFullCacheKeepsAdmittingNewKeysAndStaysWithinItsSize() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(100);
        for (int i = 0; i < 1_000; i++) {
            assertThat(cache.get(i)).isNull();
            cache.put(i, "value " + i);
        }

        // The cache has been full for 900 keys: a key it never saw is still kept, and found on its second use.
        assertThat(cache.get(5_000)).isNull();
        cache.put(5_000, "new");
        assertThat(cache.get(5_000)).isEqualTo("new");
        CacheStats stats = cache.stats();
        assertThat(stats.size()).isLessThanOrEqualTo(100);
        assertThat(stats.evictions()).isGreaterThanOrEqualTo(900);
        assertThat(stats.maximumSize()).isEqualTo(100);
    }

    @Test
    void statsCountHitsAndMisses() {
        BoundedCache<String, String> cache = new BoundedCache<>(10);
        cache.get("a");
        cache.put("a", "A");
        cache.get("a");
        cache.get("a");
        cache.get("b");

        CacheStats stats = cache.stats();
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.misses()).isEqualTo(2);
        assertThat(stats.requests()).isEqualTo(4);
        assertThat(stats.hitRate()).isEqualTo(0.5);
        assertThat(stats.size()).isEqualTo(1);
        assertThat(new BoundedCache<String, String>(10).stats().hitRate()).as("before any look-up").isEqualTo(1.0);
    }

    @Test
    void theFirstValuePutForAKeyWins() {
        BoundedCache<String, String> cache = new BoundedCache<>(10);
        cache.put("k", "first");
        cache.put("k", "second");
        assertThat(cache.get("k")).isEqualTo("first");
    }

    @Test
    void sizeZeroKeepsNothingAndANegativeSizeIsRefused() {
        BoundedCache<String, String> none = new BoundedCache<>(0);
        none.put("k", "v");
        assertThat(none.get("k")).isNull();
        assertThatThrownBy(() -> new BoundedCache<>(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void theSizeComesFromItsSystemPropertyWhenSetAndABadValueNamesTheProperty() {
        assertThat(BoundedCache.maximumSizeFromProperty(PROPERTY, 7)).isEqualTo(7);
        System.setProperty(PROPERTY, "250_000");
        assertThat(BoundedCache.maximumSizeFromProperty(PROPERTY, 7)).isEqualTo(250_000);
        for (String bad : new String[] {"-5", "lots", "1e6", ""}) {
            System.setProperty(PROPERTY, bad);
            assertThatThrownBy(() -> BoundedCache.maximumSizeFromProperty(PROPERTY, 7))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("system property " + PROPERTY + "=" + bad + ": must be a whole number of entries, 0 or more");
        }
    }
}
