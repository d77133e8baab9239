package dev.easel.server.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's commands on one shared Lettuce connection. The connection opens at startup; if Redis is away then, it is
 * retried in the background at most once a second, and once open, Lettuce reconnects it. Commands fail fast (timeout,
 * or rejected while disconnected) with a {@link RedisException}. Logs once when Redis becomes unavailable and once
 * when it is back.
 */
final class RedisLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    /** Generation, then (when present) the value and its remaining time to live in ms. */
    private static final Script READ = new Script("""
            local generation = redis.call('GET', KEYS[1]) or '0'
            local key = ARGV[1] .. 'v:' .. generation .. ':' .. ARGV[2]
            local value = redis.call('GET', key)
            if not value then return {generation} end
            return {generation, value, redis.call('PTTL', key)}
            """);

    /** Stores the value only while the caller still holds the load lock; releases the lock if asked to. */
    private static final Script STORE_IF_LOCKED = new Script("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            if ARGV[4] == '1' then redis.call('DEL', KEYS[1]) end
            return 1
            """);

    /** Releases the load lock if the caller still holds it. */
    private static final Script UNLOCK = new Script("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    /** Deletes the value and the load lock (so a load in flight elsewhere does not store) of the current generation. */
    private static final Script EVICT = new Script("""
            local generation = redis.call('GET', KEYS[1]) or '0'
            return redis.call('DEL', ARGV[1] .. 'v:' .. generation .. ':' .. ARGV[2],
                    ARGV[1] .. 'lock:' .. generation .. ':' .. ARGV[2])
            """);

    /** What the read script found; {@code json} is null on a miss. */
    record Snapshot(long generation, String json, long millisToLive) {}

    private record Script(String source, String sha) {
        Script(String source) {
            this(source, sha1(source));
        }
    }

    private final ClientResources resources;
    private final RedisClient client;
    private final AtomicBoolean available = new AtomicBoolean(true);
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long retryAt;

    RedisLink(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        // Reconnect attempts back off to at most one a second (Lettuce's default grows to 30 s), so the cache is back
        // within about a second of Redis.
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(timeout.compareTo(MIN_CONNECT_TIMEOUT) < 0 ? MIN_CONNECT_TIMEOUT : timeout)
                        .build())
                .build());
        // At startup the caller waits for the first attempt, so the first reads already use Redis.
        connect();
    }

    Snapshot read(RedisKeys keys) {
        List<?> found = (List<?>) call(redis ->
                eval(redis, READ, ScriptOutputType.MULTI, new String[] {keys.generation()}, keys.region(), keys.key()));
        long generation = Long.parseLong((String) found.get(0));
        return found.size() == 1
                ? new Snapshot(generation, null, 0)
                : new Snapshot(generation, (String) found.get(1), (Long) found.get(2));
    }

    boolean tryLock(String lock, String token, Duration timeout) {
        return "OK"
                .equals(call(
                        redis -> redis.set(lock, token, SetArgs.Builder.nx().px(timeout.toMillis()))));
    }

    /**
     * Stores {@code json} under {@code key} if {@code token} still holds {@code lock}. A kept lock lives on until its
     * own timeout, so that other nodes that saw the same stale value do not refresh it again.
     */
    boolean storeIfLocked(String lock, String token, String key, String json, Duration ttl, boolean release) {
        Object stored = call(redis -> eval(
                redis,
                STORE_IF_LOCKED,
                ScriptOutputType.INTEGER,
                new String[] {lock, key},
                token,
                json,
                Long.toString(ttl.toMillis()),
                release ? "1" : "0"));
        return Long.valueOf(1).equals(stored);
    }

    void unlock(String lock, String token) {
        call(redis -> eval(redis, UNLOCK, ScriptOutputType.INTEGER, new String[] {lock}, token));
    }

    void evict(RedisKeys keys) {
        call(redis -> eval(
                redis, EVICT, ScriptOutputType.INTEGER, new String[] {keys.generation()}, keys.region(), keys.key()));
    }

    void evictRegion(RedisKeys keys) {
        call(redis -> redis.incr(keys.generation()));
    }

    /** Null when Redis answers, else why not. */
    String problem() {
        try {
            call(RedisCommands::ping);
            return null;
        } catch (RedisException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private <R> R call(Function<RedisCommands<String, String>, R> command) {
        try {
            R result = command.apply(commands());
            markAvailable();
            return result;
        } catch (RedisException e) {
            markUnavailable(e);
            throw e;
        }
    }

    /**
     * The open connection. Without one, a single background attempt connects (at most once a second) while callers
     * fail fast, so no request waits for a connect timeout.
     */
    private RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            return open.sync();
        }
        if (System.nanoTime() - retryAt > 0 && connecting.compareAndSet(false, true)) {
            Thread.ofVirtual().name("redis-cache-connect").start(() -> {
                try {
                    connect();
                } finally {
                    connecting.set(false);
                }
            });
        }
        throw new RedisConnectionException("not connected to Redis");
    }

    private void connect() {
        try {
            connection = client.connect();
            markAvailable();
        } catch (RedisException e) {
            retryAt = System.nanoTime() + RETRY_NANOS;
            markUnavailable(e);
        }
    }

    private void markAvailable() {
        if (!available.get() && available.compareAndSet(false, true)) {
            log.info("Redis cache is available again");
        }
    }

    private void markUnavailable(RedisException e) {
        if (available.compareAndSet(true, false)) {
            log.warn("Redis cache unavailable, reading from the database until it is back: {}", e.toString());
        }
    }

    private static Object eval(
            RedisCommands<String, String> redis, Script script, ScriptOutputType type, String[] keys, String... args) {
        try {
            return redis.<Object>evalsha(script.sha(), type, keys, args);
        } catch (RedisNoScriptException e) {
            // First use, or Redis restarted and lost its script cache.
            return redis.<Object>eval(script.source(), type, keys, args);
        }
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
