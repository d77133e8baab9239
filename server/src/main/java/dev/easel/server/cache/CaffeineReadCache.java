package dev.easel.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The in-process {@link ReadCache}: one Caffeine cache keyed by region and key. Caffeine's compute-on-miss runs one
 * loader per key while other callers of that key wait for it.
 */
public class CaffeineReadCache implements ReadCache {
    private record Key(String region, String key) {}

    private final Cache<Key, Object> cache;

    public CaffeineReadCache(long maximumEntries, Duration timeToLive) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumEntries)
                .expireAfterWrite(timeToLive)
                .recordStats()
                .build();
    }

    @Override
    public <T> T get(String region, String key, Class<T> type, Supplier<T> loader) {
        return type.cast(cache.get(new Key(region, key), ignored -> loader.get()));
    }

    @Override
    public void evict(String region, String key) {
        cache.invalidate(new Key(region, key));
    }

    @Override
    public void evictRegion(String region) {
        cache.asMap().keySet().removeIf(key -> key.region().equals(region));
    }
}
