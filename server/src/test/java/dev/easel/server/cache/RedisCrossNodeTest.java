package dev.easel.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes (two RedisReadCache instances, each with its own connection) sharing one real redis-server. */
class RedisCrossNodeTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    final List<RedisReadCache> nodes = new ArrayList<>();
    String prefix;

    @BeforeEach
    void isolate() {
        prefix = "nodes:" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(RedisReadCache::close);
    }

    RedisReadCache node(Duration refreshAfter, Duration lockWait) {
        CacheProperties properties = new CacheProperties(
                REDIS.server().url(), Duration.ofMinutes(5), refreshAfter, null, null, lockWait, null, prefix);
        RedisReadCache node = new RedisReadCache(properties, new CacheMetrics(new SimpleMeterRegistry(), "redis"));
        nodes.add(node);
        return node;
    }

    RedisReadCache node() {
        return node(Duration.ofMinutes(1), Duration.ofSeconds(5));
    }

    @Test
    void aValueLoadedOnOneNodeIsReadOnTheOther() {
        RedisReadCache a = node();
        RedisReadCache b = node();

        a.get("cards", "k", String.class, () -> "from a");

        assertThat(b.get("cards", "k", String.class, () -> "from b")).isEqualTo("from a");
    }

    @Test
    void anEvictionOnOneNodeIsSeenByTheOther() {
        RedisReadCache a = node();
        RedisReadCache b = node();
        a.get("cards", "k", String.class, () -> "v1");
        a.get("cards", "other", String.class, () -> "o1");

        b.evict("cards", "k");

        assertThat(a.get("cards", "k", String.class, () -> "v2")).isEqualTo("v2");
        assertThat(a.get("cards", "other", String.class, () -> "o2")).isEqualTo("o1");
    }

    @Test
    void aRegionEvictionOnOneNodeIsSeenByTheOther() {
        RedisReadCache a = node();
        RedisReadCache b = node();
        a.get("cards", "k1", String.class, () -> "v1");
        a.get("cards", "k2", String.class, () -> "w1");
        a.get("other", "k1", String.class, () -> "o1");

        b.evictRegion("cards");

        assertThat(a.get("cards", "k1", String.class, () -> "v2")).isEqualTo("v2");
        assertThat(a.get("cards", "k2", String.class, () -> "w2")).isEqualTo("w2");
        assertThat(a.get("other", "k1", String.class, () -> "o2")).isEqualTo("o1");
    }

    @Test
    void concurrentMissesOnTwoNodesLoadOnceWhenTheLoadFitsInTheLockWait() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        List<String> results = missEverywhere(node(), node(), () -> {
            loads.incrementAndGet();
            sleep(300);
            return "loaded";
        });

        assertThat(results).hasSize(16).containsOnly("loaded");
        assertThat(loads).hasValue(1);
    }

    @Test
    void concurrentMissesLoadAtMostOncePerNodeWhenTheLoadOutlastsTheLockWait() throws Exception {
        Duration shortWait = Duration.ofMillis(50);
        AtomicInteger loads = new AtomicInteger();
        List<String> results =
                missEverywhere(node(Duration.ofMinutes(1), shortWait), node(Duration.ofMinutes(1), shortWait), () -> {
                    loads.incrementAndGet();
                    sleep(500);
                    return "loaded";
                });

        assertThat(results).hasSize(16).containsOnly("loaded");
        assertThat(loads.get()).isBetween(1, 2);
    }

    @Test
    void aStaleValueSeenByBothNodesIsRefreshedOnce() throws Exception {
        RedisReadCache a = node(Duration.ofMillis(200), Duration.ofSeconds(5));
        RedisReadCache b = node(Duration.ofMillis(200), Duration.ofSeconds(5));
        AtomicInteger loads = new AtomicInteger();
        Supplier<String> loader = () -> {
            sleep(100);
            return "v" + loads.incrementAndGet();
        };
        a.get("cards", "k", String.class, loader);
        Thread.sleep(300);

        assertThat(a.get("cards", "k", String.class, loader)).isEqualTo("v1");
        assertThat(b.get("cards", "k", String.class, loader)).isEqualTo("v1");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!b.get("cards", "k", String.class, loader).equals("v2") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // room for a second refresh, which must not happen
        assertThat(a.get("cards", "k", String.class, loader)).isEqualTo("v2");
        assertThat(loads).hasValue(2);
    }

    /** Eight callers on each node miss the same key at the same moment. */
    private static List<String> missEverywhere(RedisReadCache a, RedisReadCache b, Supplier<String> loader)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                RedisReadCache node = i % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> {
                    ReadCacheContract.await(start);
                    return node.get("cards", "hot", String.class, loader);
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(future.get(20, TimeUnit.SECONDS));
            }
            return results;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
