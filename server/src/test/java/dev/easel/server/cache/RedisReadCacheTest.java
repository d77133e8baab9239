package dev.easel.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.easel.server.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The read-cache contract on Redis, against a real redis-server, plus what only Redis does. */
class RedisReadCacheTest extends ReadCacheContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    static RedisClient client;
    static StatefulRedisConnection<String, String> connection;

    String prefix;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS.server().url());
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            connection.close();
            client.shutdown();
        }
    }

    @BeforeEach
    void isolate() {
        prefix = "test:" + UUID.randomUUID() + ":";
    }

    @Override
    ReadCache create(Duration ttl, Duration refreshAfter) {
        return create(REDIS.server().url(), ttl, refreshAfter);
    }

    RedisReadCache create(String url, Duration ttl, Duration refreshAfter) {
        CacheProperties properties = new CacheProperties(url, ttl, refreshAfter, null, null, null, null, prefix);
        RedisReadCache cache = new RedisReadCache(properties, new CacheMetrics(meters, "redis"));
        return cache;
    }

    @Override
    String store() {
        return "redis";
    }

    RedisCommands<String, String> redis() {
        return connection.sync();
    }

    @Test
    void valuesAreStoredAsJsonUnderTheRegionGenerationWithTheTtl() {
        ReadCache cache = cache(Duration.ofSeconds(90), Duration.ofSeconds(30));
        cache.get("cards", "a", Card.class, () -> card("a"));

        String key = prefix + "{cards}:v:0:a";
        assertThat(redis().get(key))
                .startsWith("{\"id\":\"a\"")
                .contains("\"rating\":\"MATURE\"", "\"createdAt\":\"2026-11-30T12:34:56.789123Z\"");
        assertThat(redis().pttl(key)).isBetween(80_000L, 90_000L);
        assertThat(redis().exists(prefix + "{cards}:lock:0:a")).isZero(); // released after the store

        cache.evictRegion("cards");

        assertThat(redis().get(prefix + "{cards}:gen")).isEqualTo("1");
        cache.get("cards", "a", Card.class, () -> card("a2"));
        assertThat(redis().get(prefix + "{cards}:v:1:a")).contains("\"id\":\"a2\"");
    }

    @Test
    void aValueReplacedInRedisIsDecodedAgainNotServedFromTheLastDecode() {
        ReadCache cache = cache();
        cache.get("cards", "a", Card.class, () -> card("a"));
        Card decoded = cache.get("cards", "a", Card.class, () -> card("never"));
        assertThat(cache.get("cards", "a", Card.class, () -> card("never"))).isSameAs(decoded);

        String key = prefix + "{cards}:v:0:a";
        redis().psetex(key, 60_000, redis().get(key).replace("\"id\":\"a\"", "\"id\":\"changed\""));

        assertThat(cache.get("cards", "a", Card.class, () -> card("never")).id())
                .isEqualTo("changed");
    }

    @Test
    void aValueThatNoLongerDecodesIsLoadedAgainAndReplaced() {
        ReadCache cache = cache();
        redis().set(prefix + "{cards}:v:0:a", "{\"id\": [not json");

        assertThat(cache.get("cards", "a", Card.class, () -> card("fresh")).id())
                .isEqualTo("fresh");
        assertThat(redis().get(prefix + "{cards}:v:0:a")).contains("\"id\":\"fresh\"");
        assertThat(count("easel.cache.errors", "cards")).isEqualTo(1);
    }

    @Test
    void withRedisUnreachableEveryReadFallsThroughToTheLoader() throws IOException {
        RedisReadCache cache = create("redis://127.0.0.1:" + closedPort(), LONG, LONG);
        try {
            AtomicInteger loads = new AtomicInteger();
            for (int i = 1; i <= 3; i++) {
                assertThat(cache.get("cards", "a", Card.class, () -> card("a" + loads.incrementAndGet()))
                                .id())
                        .isEqualTo("a" + i);
            }
            cache.evict("cards", "a");
            cache.evictRegion("cards");

            assertThat(count("easel.cache.errors", "cards")).isEqualTo(5);
            assertThat(cache.problem()).isNotNull();
        } finally {
            cache.close();
        }
    }

    @Test
    void whenRedisGoesAwayTheSiteKeepsWorkingLogsOnceAndRecoversWhenItIsBack() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger linkLog = (Logger) LoggerFactory.getLogger(RedisLink.class);
        linkLog.addAppender(log);
        log.start();
        ReadCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        try {
            cache.get("cards", "a", Card.class, () -> card("a" + loads.incrementAndGet()));
            REDIS.server().stop();

            for (int i = 0; i < 5; i++) {
                cache.get("cards", "a", Card.class, () -> card("a" + loads.incrementAndGet()));
            }
            assertThat(loads).hasValue(6);
            assertThat(count("easel.cache.errors", "cards")).isGreaterThanOrEqualTo(5);
            assertThat(log.list.stream().filter(e -> e.getLevel() == Level.WARN))
                    .hasSize(1);

            REDIS.server().restart();
            awaitCached(cache, loads);
            assertThat(log.list.stream().filter(e -> e.getLevel() == Level.INFO))
                    .hasSize(1);
        } finally {
            linkLog.detachAppender(log);
            if (connection.isOpen()) {
                connection.sync().ping(); // the test client reconnects too
            }
        }
    }

    /** After Redis is back (the link reconnects within seconds), a value is stored and read from Redis again. */
    private void awaitCached(ReadCache cache, AtomicInteger loads) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            int before = loads.get();
            cache.get("cards", "b", Card.class, () -> card("b" + loads.incrementAndGet()));
            cache.get("cards", "b", Card.class, () -> card("b" + loads.incrementAndGet()));
            if (loads.get() - before == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the cache did not use Redis again after it came back");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
