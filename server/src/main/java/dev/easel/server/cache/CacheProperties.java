package dev.easel.server.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Read-cache settings ({@code easel.cache.*}).
 *
 * @param redisUrl Redis to share the cache between nodes, e.g. {@code redis://127.0.0.1:6379}; absent or blank keeps
 *     it in this process (Caffeine)
 * @param ttl how long a value is kept at all
 * @param refreshAfter age after which a value is still served but reloaded in the background (stale-while-revalidate)
 * @param maximumEntries entries kept in the process (Caffeine only)
 * @param lockTimeout how long one node's load lock lives in Redis (released early when the load is stored)
 * @param lockWait how long the other nodes wait for that load before they load themselves
 * @param redisTimeout command timeout towards Redis (connecting gets at least 5 s); beyond it the cache reads from the
 *     database
 * @param keyPrefix prefix of every Redis key
 */
@ConfigurationProperties("easel.cache")
public record CacheProperties(
        String redisUrl,
        Duration ttl,
        Duration refreshAfter,
        Long maximumEntries,
        Duration lockTimeout,
        Duration lockWait,
        Duration redisTimeout,
        String keyPrefix) {

    public CacheProperties {
        redisUrl = redisUrl == null || redisUrl.isBlank() ? null : redisUrl.strip();
        ttl = ttl == null ? Duration.ofMinutes(5) : ttl;
        refreshAfter = refreshAfter == null ? Duration.ofMinutes(1) : refreshAfter;
        maximumEntries = maximumEntries == null ? 10_000L : maximumEntries;
        lockTimeout = lockTimeout == null ? Duration.ofSeconds(5) : lockTimeout;
        lockWait = lockWait == null ? Duration.ofMillis(500) : lockWait;
        redisTimeout = redisTimeout == null ? Duration.ofSeconds(1) : redisTimeout;
        keyPrefix = keyPrefix == null ? "easel:cache:" : keyPrefix;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("easel.cache.ttl must be positive, got " + ttl);
        }
        if (refreshAfter.isNegative() || refreshAfter.isZero() || refreshAfter.compareTo(ttl) > 0) {
            throw new IllegalArgumentException(
                    "easel.cache.refresh-after must be positive and at most easel.cache.ttl, got " + refreshAfter);
        }
    }

    /** The defaults, in this process. */
    static CacheProperties defaults() {
        return new CacheProperties(null, null, null, null, null, null, null, null);
    }
}
