package dev.easel.server.cache;

import io.lettuce.core.RedisException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link ReadCache} shared by all nodes through Redis ({@code easel.cache.redis-url}). Values are JSON with the
 * TTL as Redis expiry; a value whose remaining time shows it older than {@code refresh-after} is served while one node
 * reloads it. On a miss, one caller per node loads (single flight) and, across nodes, only the holder of a short lock
 * (SET NX PX) loads and stores; the others poll for its value for at most {@code lock-wait}, then load themselves
 * without storing. When Redis fails, every call falls through to its loader. Decoded values are reused while Redis
 * returns the same JSON ({@link DecodedValues}).
 */
public final class RedisReadCache implements ReadCache, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisReadCache.class);
    private static final long MAX_POLL_MILLIS = 50;

    private final RedisLink redis;
    private final JsonMapper json = JsonMapper.builder().build();
    private final CacheProperties properties;
    private final long staleBelowMillis;
    private final CacheMetrics metrics;
    private final SingleFlight flights = new SingleFlight();
    private final DecodedValues decoded = new DecodedValues();

    RedisReadCache(CacheProperties properties, CacheMetrics metrics) {
        this.redis = new RedisLink(properties.redisUrl(), properties.redisTimeout());
        this.properties = properties;
        this.staleBelowMillis =
                properties.ttl().minus(properties.refreshAfter()).toMillis();
        this.metrics = metrics;
    }

    @Override
    public <T> T get(String region, String key, Class<T> type, Supplier<T> loader) {
        CacheMetrics.Region meters = metrics.region(region);
        RedisKeys keys = RedisKeys.of(properties.keyPrefix(), region, key);
        String flight = SingleFlight.key(region, key);
        RedisLink.Snapshot snapshot;
        try {
            snapshot = redis.read(keys);
        } catch (RedisException e) {
            meters.errors().increment();
            meters.misses().increment();
            return flights.load(flight, type, () -> meters.load(loader), value -> {});
        }
        T cached = decode(keys, snapshot, type, meters);
        if (cached == null) {
            meters.misses().increment();
            RedisLink.Snapshot seen = snapshot;
            return flights.load(flight, type, () -> loadOnce(keys, seen, type, loader, meters), value -> {});
        }
        if (snapshot.millisToLive() < staleBelowMillis) {
            meters.stale().increment();
            flights.refreshInBackground(
                    flight, meters.errors(), () -> refresh(keys, snapshot.generation(), loader, meters));
        } else {
            meters.hits().increment();
        }
        return cached;
    }

    @Override
    public void evict(String region, String key) {
        CacheMetrics.Region meters = metrics.region(region);
        flights.forget(SingleFlight.key(region, key));
        try {
            redis.evict(RedisKeys.of(properties.keyPrefix(), region, key));
        } catch (RedisException e) {
            // Lost: the value stays until its TTL. Counted, and logged once by the link.
            meters.errors().increment();
        }
    }

    @Override
    public void evictRegion(String region) {
        CacheMetrics.Region meters = metrics.region(region);
        flights.forgetRegion(region);
        try {
            redis.evictRegion(RedisKeys.of(properties.keyPrefix(), region, ""));
        } catch (RedisException e) {
            meters.errors().increment();
        }
    }

    /** Null when Redis answers, else why not (for the health endpoint). */
    String problem() {
        return redis.problem();
    }

    @Override
    public void close() {
        redis.close();
    }

    /**
     * This node's one load of a missing key: with the lock, load and store; otherwise wait for the lock holder's value
     * (or for the lock to come free) until {@code lock-wait}, then load without storing.
     */
    private <T> T loadOnce(
            RedisKeys keys, RedisLink.Snapshot first, Class<T> type, Supplier<T> loader, CacheMetrics.Region meters) {
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + properties.lockWait().toNanos();
        long pause = 2;
        RedisLink.Snapshot snapshot = first;
        boolean waited = false;
        try {
            while (true) {
                String lock = keys.lock(snapshot.generation());
                if (redis.tryLock(lock, token, properties.lockTimeout())) {
                    // After an earlier try the lock came free: its holder may have stored the value just before.
                    T stored = waited ? decode(keys, redis.read(keys), type, meters) : null;
                    if (stored != null) {
                        redis.unlock(lock, token);
                        return stored;
                    }
                    T value = meters.load(loader);
                    store(keys, snapshot.generation(), token, value, true, meters);
                    return value;
                }
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
                sleep(pause);
                waited = true;
                pause = Math.min(pause * 2, MAX_POLL_MILLIS);
                snapshot = redis.read(keys);
                T stored = decode(keys, snapshot, type, meters);
                if (stored != null) {
                    return stored;
                }
            }
        } catch (RedisException e) {
            meters.errors().increment();
        }
        return meters.load(loader);
    }

    /** Reloads a stale value unless another node already holds the key's lock (it is refreshing it). */
    private void refresh(RedisKeys keys, long generation, Supplier<?> loader, CacheMetrics.Region meters) {
        String token = UUID.randomUUID().toString();
        if (redis.tryLock(keys.lock(generation), token, properties.lockTimeout())) {
            store(keys, generation, token, meters.load(loader), false, meters);
        }
    }

    /**
     * Stores under the lock; an eviction meanwhile deleted the lock, and then nothing is stored. A refresh keeps the
     * lock (until its timeout) so that nodes that read the same stale value do not refresh it once more.
     */
    private void store(
            RedisKeys keys,
            long generation,
            String token,
            Object value,
            boolean releaseLock,
            CacheMetrics.Region meters) {
        if (value == null) {
            return;
        }
        try {
            redis.storeIfLocked(
                    keys.lock(generation),
                    token,
                    keys.value(generation),
                    json.writeValueAsString(value),
                    properties.ttl(),
                    releaseLock);
        } catch (RedisException e) {
            meters.errors().increment();
        } catch (JacksonException e) {
            meters.errors().increment();
            log.warn(
                    "Cache value of type {} is not JSON-serializable: {}",
                    value.getClass().getName(),
                    e.toString());
        }
    }

    /** The stored value, or null when there is none or it no longer decodes as {@code type} (then it is reloaded). */
    private <T> T decode(RedisKeys keys, RedisLink.Snapshot snapshot, Class<T> type, CacheMetrics.Region meters) {
        if (snapshot.json() == null) {
            return null;
        }
        try {
            return decoded.decode(
                    keys.value(snapshot.generation()), snapshot.json(), type, text -> json.readValue(text, type));
        } catch (JacksonException e) {
            meters.errors().increment();
            log.debug("Cached JSON does not decode as {}, reloading: {}", type.getName(), e.toString());
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another node's cache load", e);
        }
    }
}
