// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;

/**
 * A cache of values that are a pure function of their key, holding at most a fixed number of entries and
 * admitting new keys for as long as it lives: when full, it evicts the entries least likely to be used again
 * (Caffeine's size-based eviction) instead of refusing new ones. It counts hits and misses ({@link #stats()}).
 * The engine's genotype reading cache and its finding cache are two of these; the class is public so that
 * both modules can share it, and is not meant for rule packs.
 *
 * <p>Values are worked out by the caller outside the cache (a look-up, then a put on a miss), so a slow
 * computation never holds a lock other keys wait on; two threads missing the same key both compute it and the
 * first put wins, which is harmless for a pure function.
 *
 * @param <K> the key, with value equality
 * @param <V> the value
 */
public final class BoundedCache<K, V> {

    private final Cache<K, V> cache;
    private final long maximumSize;

    /**
     * @param maximumSize the most entries to hold; 0 holds none (every look-up misses)
     * @throws IllegalArgumentException when maximumSize is negative
     */
    public BoundedCache(long maximumSize) {
        if (maximumSize < 0) {
            throw new IllegalArgumentException("a cache's maximum size cannot be negative: " + maximumSize);
        }
        this.maximumSize = maximumSize;
        // Evictions run on the threads that use the cache, not on the common fork-join pool: a library starts
        // no work on threads its host did not give it.
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).recordStats().build();
    }

    /**
     * The maximum size named by a system property, read now, or a default when the property is not set.
     *
     * @param property     the system property, e.g. {@code precisionformulary.findingCache.maximumSize}
     * @param defaultSize  the size when the property is not set
     * @return the size: a whole number, 0 or more
     * @throws IllegalArgumentException naming the property, when its value is not a whole number, 0 or more
     */
    public static long maximumSizeFromProperty(String property, long defaultSize) {
        String value = System.getProperty(Objects.requireNonNull(property, "property"));
        if (value == null) {
            return defaultSize;
        }
        try {
            long size = Long.parseLong(value.strip().replace("_", ""));
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below, with the property's name
        }
        throw new IllegalArgumentException("system property " + property + "=" + value
                + ": must be a whole number of entries, 0 or more");
    }

    /**
     * @param key the key
     * @return the value kept for the key, or {@code null}; counted as a hit or a miss
     * @throws NullPointerException when the key is {@code null}
     */
    public V get(K key) {
        return cache.getIfPresent(key);
    }

    /**
     * Keeps a value unless the key already has one (the first value kept wins), evicting another entry if the
     * cache is full.
     *
     * @param key   the key
     * @param value the value worked out for it
     * @throws NullPointerException when the key or the value is {@code null}
     */
    public void put(K key, V value) {
        cache.asMap().putIfAbsent(key, value);
    }

    /** @return the counts since the cache was made, and its size now */
    public CacheStats stats() {
        com.github.benmanes.caffeine.cache.stats.CacheStats s = cache.stats();
        return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize(), maximumSize);
    }
}
