package dev.easel.server.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts per key in fixed windows that start at the first count: once a key's count reaches the limit, it is refused
 * until its window ends. Kept in this process's memory, at most {@code maxKeys} keys (the least recently used go
 * first), so made-up keys cannot make it grow without bound; on several nodes each counts on its own.
 */
final class WindowCounters {
    /** Counts in one window; the window's end is kept by the cache's expiry. */
    private record Window(long startNanos, int count) {}

    private final int limit;
    private final Duration window;
    private final Ticker ticker;
    private final Cache<String, Window> counts;

    WindowCounters(int limit, Duration window, long maxKeys, Ticker ticker) {
        this.limit = limit;
        this.window = window;
        this.ticker = ticker;
        this.counts = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Window>() {
                    @Override
                    public long expireAfterCreate(String key, Window value, long currentTime) {
                        return window.toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Window value, long currentTime, long currentDuration) {
                        // Later counts do not extend the window that the first one opened.
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Window value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /**
     * Counts one for {@code key}, atomically, unless its limit is reached.
     *
     * @return how long until the key may count again; empty when it was counted
     */
    Optional<Duration> take(String key) {
        long now = ticker.read();
        Duration[] blocked = new Duration[1];
        counts.asMap().compute(key, (ignored, current) -> {
            if (current == null) {
                return new Window(now, 1);
            }
            Duration left = window.minusNanos(now - current.startNanos());
            if (!left.isPositive()) {
                return new Window(now, 1);
            }
            if (current.count() >= limit) {
                blocked[0] = left;
                return current;
            }
            return new Window(current.startNanos(), current.count() + 1);
        });
        return Optional.ofNullable(blocked[0]);
    }

    /** Takes back one count of {@code key} (one that turned out not to count); its window stays. */
    void giveBack(String key) {
        counts.asMap()
                .computeIfPresent(
                        key,
                        (ignored, current) ->
                                current.count() > 1 ? new Window(current.startNanos(), current.count() - 1) : null);
    }

    void clear(String key) {
        counts.invalidate(key);
    }
}
