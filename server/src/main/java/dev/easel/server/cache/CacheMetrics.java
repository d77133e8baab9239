package dev.easel.server.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Meters per region, tagged {@code region} and {@code store} (caffeine or redis): {@code easel.cache.hits} (fresh
 * values), {@code easel.cache.stale} (stale values served while a refresh runs), {@code easel.cache.misses},
 * {@code easel.cache.loads} (a timer: count and time of the loader calls) and {@code easel.cache.errors} (Redis
 * failures, values that no longer decode, failed loads).
 */
final class CacheMetrics {
    /** The meters of one region. */
    record Region(Counter hits, Counter stale, Counter misses, Timer loads, Counter errors) {
        /** Runs the loader, timing it and counting its failure. */
        <T> T load(Supplier<T> loader) {
            try {
                return loads.record(loader);
            } catch (RuntimeException e) {
                errors.increment();
                throw e;
            }
        }
    }

    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final MeterRegistry registry;
    private final String store;
    private final Map<String, Region> regions = new ConcurrentHashMap<>();

    CacheMetrics(MeterRegistry registry, String store) {
        this.registry = registry;
        this.store = store;
    }

    Region region(String name) {
        Region region = regions.get(name);
        return region != null ? region : regions.computeIfAbsent(name, this::register);
    }

    private Region register(String name) {
        // Region names end up in Redis keys (inside a {hash tag}) and metric tags: keep them plain.
        if (!REGION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cache region must be lower-case letters, digits and '-': " + name);
        }
        return new Region(
                counter("easel.cache.hits", name),
                counter("easel.cache.stale", name),
                counter("easel.cache.misses", name),
                Timer.builder("easel.cache.loads")
                        .tag("region", name)
                        .tag("store", store)
                        .register(registry),
                counter("easel.cache.errors", name));
    }

    private Counter counter(String meter, String region) {
        return Counter.builder(meter).tag("region", region).tag("store", store).register(registry);
    }
}
