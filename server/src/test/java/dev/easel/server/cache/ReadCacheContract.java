package dev.easel.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReadCache} does, run against each implementation by a subclass: load once, single flight on
 * concurrent misses, evictions (also of a load in flight), records round-trip, TTL expiry and stale-while-revalidate,
 * failing loaders, metrics.
 */
abstract class ReadCacheContract {
    static final Duration LONG = Duration.ofMinutes(5);

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<ReadCache> created = new ArrayList<>();

    /** A cache of the implementation under test, reporting to {@link #meters}. */
    abstract ReadCache create(Duration ttl, Duration refreshAfter);

    abstract String store();

    ReadCache cache(Duration ttl, Duration refreshAfter) {
        ReadCache cache = create(ttl, refreshAfter);
        created.add(cache);
        return cache;
    }

    ReadCache cache() {
        return cache(LONG, LONG);
    }

    @AfterEach
    void closeCaches() throws Exception {
        for (ReadCache cache : created) {
            if (cache instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    enum Rating {
        SAFE,
        MATURE
    }

    record Tag(String name, Rating rating) {}

    record Card(String id, String title, Instant createdAt, Rating rating, List<Tag> tags, Map<String, Long> counts) {}

    record CardPage(List<Card> items, String nextCursor) {}

    static Card card(String id) {
        return new Card(
                id,
                "Title <b>\"" + id + "\"</b> ü",
                Instant.parse("2026-11-30T12:34:56.789123Z"),
                Rating.MATURE,
                List.of(new Tag("cat", Rating.SAFE), new Tag("night", Rating.MATURE)),
                Map.of("likes", 3L, "comments", 0L));
    }

    @Test
    void loadsOnceThenServesTheStoredValue() {
        ReadCache cache = cache();
        AtomicInteger loads = new AtomicInteger();

        Card first = cache.get("cards", "a", Card.class, () -> card("a" + loads.incrementAndGet()));
        Card second = cache.get("cards", "a", Card.class, () -> card("a" + loads.incrementAndGet()));

        assertThat(loads).hasValue(1);
        assertThat(second).isEqualTo(first);
        assertThat(second.id()).isEqualTo("a1");
        assertThat(count("easel.cache.misses", "cards")).isEqualTo(1);
        assertThat(count("easel.cache.hits", "cards")).isEqualTo(1);
        assertThat(meters.get("easel.cache.loads")
                        .tags("region", "cards", "store", store())
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void keysAndRegionsAreSeparate() {
        ReadCache cache = cache();
        cache.get("cards", "a", Card.class, () -> card("a"));

        assertThat(cache.get("cards", "b", Card.class, () -> card("b")).id()).isEqualTo("b");
        assertThat(cache.get("other", "a", Card.class, () -> card("other")).id())
                .isEqualTo("other");
        assertThat(cache.get("cards", "a", Card.class, () -> card("never")).id())
                .isEqualTo("a");
    }

    @Test
    void recordsRoundTripWithNestedListsInstantsAndEnums() {
        ReadCache cache = cache();
        CardPage page = new CardPage(List.of(card("x"), card("y")), "cursor-2");

        cache.get("pages", "p1", CardPage.class, () -> page);
        CardPage read = cache.get("pages", "p1", CardPage.class, () -> {
            throw new AssertionError("should be a hit");
        });

        assertThat(read).isEqualTo(page);
        assertThat(read.items().get(1).tags().get(1).rating()).isEqualTo(Rating.MATURE);
        assertThat(read.items().get(0).createdAt()).isEqualTo(Instant.parse("2026-11-30T12:34:56.789123Z"));
    }

    @Test
    void concurrentMissesOnOneKeyRunTheLoaderOnce() throws Exception {
        ReadCache cache = cache();
        int callers = 16;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch allCalling = new CountDownLatch(callers);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Card>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    allCalling.countDown();
                    return cache.get("cards", "hot", Card.class, () -> {
                        loads.incrementAndGet();
                        await(release);
                        return card("hot");
                    });
                }));
            }
            assertThat(allCalling.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // every caller reaches the cache while the first load is held
            release.countDown();
            for (Future<Card> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).id()).isEqualTo("hot");
            }
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void evictForgetsOneKey() {
        ReadCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        cache.get("cards", "a", Card.class, () -> card("a" + loads.incrementAndGet()));
        cache.get("cards", "b", Card.class, () -> card("b"));

        cache.evict("cards", "a");

        assertThat(cache.get("cards", "a", Card.class, () -> card("a" + loads.incrementAndGet()))
                        .id())
                .isEqualTo("a2");
        assertThat(cache.get("cards", "b", Card.class, () -> card("b again")).id())
                .isEqualTo("b");
    }

    @Test
    void evictRegionForgetsEveryKeyOfThatRegionOnly() {
        ReadCache cache = cache();
        cache.get("cards", "a", Card.class, () -> card("a"));
        cache.get("cards", "b", Card.class, () -> card("b"));
        cache.get("other", "a", Card.class, () -> card("other"));

        cache.evictRegion("cards");

        assertThat(cache.get("cards", "a", Card.class, () -> card("a2")).id()).isEqualTo("a2");
        assertThat(cache.get("cards", "b", Card.class, () -> card("b2")).id()).isEqualTo("b2");
        assertThat(cache.get("other", "a", Card.class, () -> card("other2")).id())
                .isEqualTo("other");
    }

    @Test
    void aLoadInFlightDuringAnEvictionIsReturnedButNotStored() throws Exception {
        ReadCache cache = cache();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Card> old = pool.submit(() -> cache.get("cards", "a", Card.class, () -> {
                loading.countDown();
                await(release);
                return card("before the write");
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            cache.evict("cards", "a"); // a write happened while the old value was being read
            release.countDown();
            assertThat(old.get(10, TimeUnit.SECONDS).id()).isEqualTo("before the write");
        }
        assertThat(cache.get("cards", "a", Card.class, () -> card("after the write"))
                        .id())
                .isEqualTo("after the write");
    }

    @Test
    void aLoadInFlightDuringARegionEvictionIsNotStored() throws Exception {
        ReadCache cache = cache();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Card> old = pool.submit(() -> cache.get("cards", "a", Card.class, () -> {
                loading.countDown();
                await(release);
                return card("before the write");
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            cache.evictRegion("cards");
            release.countDown();
            old.get(10, TimeUnit.SECONDS);
        }
        assertThat(cache.get("cards", "a", Card.class, () -> card("after the write"))
                        .id())
                .isEqualTo("after the write");
    }

    @Test
    void valuesExpireAfterTheTtl() throws Exception {
        ReadCache cache = cache(Duration.ofMillis(300), Duration.ofMillis(300));
        AtomicInteger loads = new AtomicInteger();
        cache.get("cards", "a", Card.class, () -> card("a" + loads.incrementAndGet()));
        assertThat(cache.get("cards", "a", Card.class, () -> card("a" + loads.incrementAndGet()))
                        .id())
                .isEqualTo("a1");

        Thread.sleep(450);

        assertThat(cache.get("cards", "a", Card.class, () -> card("a" + loads.incrementAndGet()))
                        .id())
                .isEqualTo("a2");
    }

    @Test
    void aStaleValueIsServedAtOnceWhileOneBackgroundLoadRefreshesIt() throws Exception {
        ReadCache cache = cache(Duration.ofMinutes(1), Duration.ofMillis(200));
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        cache.get("cards", "a", Card.class, () -> card("v" + loads.incrementAndGet()));
        Thread.sleep(300);

        // The refresh is held; stale reads must not wait for it, and must not start a second one.
        for (int i = 0; i < 5; i++) {
            Card stale = cache.get("cards", "a", Card.class, () -> {
                loads.incrementAndGet();
                await(release);
                return card("v2");
            });
            assertThat(stale.id()).isEqualTo("v1");
        }
        release.countDown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String seen = "v1";
        while (!seen.equals("v2") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = cache.get("cards", "a", Card.class, () -> card("unexpected")).id();
        }
        assertThat(seen).isEqualTo("v2");
        assertThat(loads).hasValue(2);
        assertThat(count("easel.cache.stale", "cards")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aFailingLoaderFailsTheCallerAndNothingIsStored() {
        ReadCache cache = cache();

        assertThatThrownBy(() -> cache.get("cards", "a", Card.class, () -> {
                    throw new IllegalStateException("database down");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database down");

        assertThat(cache.get("cards", "a", Card.class, () -> card("a")).id()).isEqualTo("a");
        assertThat(count("easel.cache.errors", "cards")).isEqualTo(1);
    }

    @Test
    void aNullResultIsReturnedButNotCached() {
        ReadCache cache = cache();
        AtomicInteger loads = new AtomicInteger();

        assertThat(cache.get("cards", "none", Card.class, () -> {
                    loads.incrementAndGet();
                    return null;
                }))
                .isNull();
        cache.get("cards", "none", Card.class, () -> {
            loads.incrementAndGet();
            return null;
        });

        assertThat(loads).hasValue(2);
    }

    @Test
    void regionNamesArePlain() {
        ReadCache cache = cache();

        assertThatThrownBy(() -> cache.get("Gallery Pages}", "a", Card.class, () -> card("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Gallery Pages}");
        assertThatThrownBy(() -> cache.evict("a:b", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.evictRegion("")).isInstanceOf(IllegalArgumentException.class);
    }

    double count(String meter, String region) {
        return meters.get(meter)
                .tags("region", region, "store", store())
                .counter()
                .count();
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
