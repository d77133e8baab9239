package dev.easel.server.cache;

import java.util.function.Supplier;

/**
 * Cache-aside for hot reads in front of the database (model lists, gallery pages, profiles, post pages). One interface,
 * two implementations: Caffeine in the process (default) and Redis shared by all nodes ({@code easel.cache.redis-url});
 * see docs/caching.md.
 *
 * <p>Values must be JSON-serializable records (the Redis implementation stores JSON). Keys live in a region (one per
 * kind of read, e.g. {@code "gallery-pages"}: lower-case letters, digits and '-'); writes evict a key or a whole
 * region. Concurrent misses on one key run the loader once per node (and, on Redis, usually once for all nodes). A
 * value older than {@code easel.cache.refresh-after} is still returned while it is reloaded in the background. A null
 * from the loader is returned but not cached. If Redis fails, calls fall through to their loader.
 */
public interface ReadCache {
    /** The cached value of {@code key} in {@code region}, loading (and storing) it on a miss. */
    <T> T get(String region, String key, Class<T> type, Supplier<T> loader);

    /** Forgets one key (a load of it in flight is not stored). */
    void evict(String region, String key);

    /** Forgets every key of a region (for writes that change many cached lists, such as a new post). */
    void evictRegion(String region);
}
