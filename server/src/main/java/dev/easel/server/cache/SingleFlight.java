package dev.easel.server.cache;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load per key in this process: concurrent callers of a key wait for the first caller's load instead of running
 * their own. Loaders run outside any map lock, so a loader may itself read other cache keys.
 */
final class SingleFlight {
    private static final Logger log = LoggerFactory.getLogger(SingleFlight.class);

    private final Map<String, CompletableFuture<Object>> flights = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    /** The key of a region's key in this map. */
    static String key(String region, String key) {
        return region + '\u0000' + key;
    }

    /**
     * Loads the key, or waits for the load already running. The leader hands its value to {@code store} unless the key
     * was {@link #forget forgotten} during the load (a write happened: the value may predate it).
     */
    <T> T load(String key, Class<T> type, Supplier<T> loader, Consumer<T> store) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return type.cast(await(running));
        }
        T value;
        try {
            value = loader.get();
        } catch (RuntimeException | Error e) {
            flights.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        // Atomic with forget(key): either the value is stored before the eviction, or not at all.
        flights.computeIfPresent(key, (k, flight) -> {
            if (flight != mine) {
                return flight;
            }
            if (value != null) {
                store.accept(value);
            }
            return null;
        });
        mine.complete(value);
        return value;
    }

    /** Runs {@code refresh} on a virtual thread unless a refresh of the key is already running in this process. */
    void refreshInBackground(String key, Counter failures, Runnable refresh) {
        if (!refreshing.add(key)) {
            return;
        }
        Thread.ofVirtual().name("cache-refresh").start(() -> {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                // The stale value stays until the hard TTL; the next stale read tries again.
                failures.increment();
                log.warn("Background refresh of cache key {} failed: {}", key.replace('\u0000', '/'), e.toString());
            } finally {
                refreshing.remove(key);
            }
        });
    }

    /** A write happened: a load in flight must not store its (possibly older) value. */
    void forget(String key) {
        flights.remove(key);
    }

    void forgetRegion(String region) {
        String prefix = region + '\u0000';
        flights.keySet().removeIf(key -> key.startsWith(prefix));
    }

    private static Object await(CompletableFuture<Object> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
