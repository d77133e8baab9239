package dev.easel.server.cache;

import java.util.function.Supplier;

/**
 * Cache-aside for hot reads in front of the database (model lists, gallery pages, profiles, post pages). One interface,
 * two implementations: Caffeine in the process (default) and Redis shared by all nodes ({@code easel.cache.redis-url}).
 *
 * <p>Values must be JSON-serializable records (the Redis implementation stores JSON). Keys live in a region (one per
 * kind of read, e.g. {@code "gallery-pages"}); writes evict a key or a whole region. Concurrent misses on one key run
 * the loader once.
 */
public interface ReadCache {
    /** The cached value of {@code key} in {@code region}, loading (and storing) it on a miss. */
    <T> T get(String region, String key, Class<T> type, Supplier<T> loader);

    /** Forgets one key. */
    void evict(String region, String key);

    /** Forgets every key of a region (for writes that change many cached lists, such as a new post). */
    void evictRegion(String region);
}
