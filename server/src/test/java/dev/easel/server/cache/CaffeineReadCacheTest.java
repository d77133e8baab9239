package dev.easel.server.cache;

import java.time.Duration;

/** The read-cache contract on the in-process Caffeine implementation. */
class CaffeineReadCacheTest extends ReadCacheContract {
    @Override
    ReadCache create(Duration ttl, Duration refreshAfter) {
        CacheProperties properties = new CacheProperties(null, ttl, refreshAfter, null, null, null, null, null);
        return new CaffeineReadCache(properties, new CacheMetrics(meters, "caffeine"));
    }

    @Override
    String store() {
        return "caffeine";
    }
}
