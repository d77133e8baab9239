package dev.easel.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The in-process {@link ReadCache} (the default): one Caffeine cache keyed by region and key, bounded in entries,
 * values dropped after the TTL and refreshed in the background once older than {@code refresh-after}.
 */
public final class CaffeineReadCache implements ReadCache {
    private record Key(String region, String key) {}

    /** A cached value and when it was stored ({@link System#nanoTime}). */
    private record Entry(Object value, long storedAt) {}

    private final Cache<Key, Entry> cache;
    private final long refreshAfterNanos;
    private final CacheMetrics metrics;
    private final SingleFlight flights = new SingleFlight();

    /** A stand-alone cache (for tests of features): no background refresh before the TTL, meters kept to itself. */
    public CaffeineReadCache(long maximumEntries, Duration timeToLive) {
        this(
                new CacheProperties(null, timeToLive, timeToLive, maximumEntries, null, null, null, null),
                new CacheMetrics(new SimpleMeterRegistry(), "caffeine"));
    }

    CaffeineReadCache(CacheProperties properties, CacheMetrics metrics) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.maximumEntries())
                .expireAfterWrite(properties.ttl())
                .build();
        this.refreshAfterNanos = properties.refreshAfter().toNanos();
        this.metrics = metrics;
    }

    @Override
    public <T> T get(String region, String key, Class<T> type, Supplier<T> loader) {
        CacheMetrics.Region meters = metrics.region(region);
        Key cacheKey = new Key(region, key);
        Entry entry = cache.getIfPresent(cacheKey);
        if (entry == null) {
            meters.misses().increment();
            return flights.load(
                    SingleFlight.key(region, key),
                    type,
                    () -> meters.load(loader),
                    value -> cache.put(cacheKey, new Entry(value, System.nanoTime())));
        }
        if (System.nanoTime() - entry.storedAt() > refreshAfterNanos) {
            meters.stale().increment();
            flights.refreshInBackground(SingleFlight.key(region, key), meters.errors(), () -> {
                Object fresh = meters.load(loader);
                // Only over the stale entry: if a write evicted it meanwhile, the refreshed value may predate it.
                if (fresh != null) {
                    cache.asMap().replace(cacheKey, entry, new Entry(fresh, System.nanoTime()));
                }
            });
        } else {
            meters.hits().increment();
        }
        return type.cast(entry.value());
    }

    @Override
    public void evict(String region, String key) {
        metrics.region(region); // checks the name
        flights.forget(SingleFlight.key(region, key));
        cache.invalidate(new Key(region, key));
    }

    @Override
    public void evictRegion(String region) {
        metrics.region(region);
        flights.forgetRegion(region);
        cache.asMap().keySet().removeIf(key -> key.region().equals(region));
    }

    long size() {
        return cache.estimatedSize();
    }
}
