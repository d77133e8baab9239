package dev.easel.server.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts failed sign-ins per username and per client address in fixed windows that start at the first failure. Once
 * a count reaches its limit, every attempt for that username (or from that address) is refused until the window ends,
 * even with the right password, so guessing costs a window per few tries. Each attempt is counted before its password
 * is checked and given back when it was right. Kept in this process's memory: on several nodes each counts on its own.
 */
final class LoginThrottle {
    static final int FAILURES_PER_USERNAME = 5;
    static final int FAILURES_PER_ADDRESS = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);
    // Bounds the memory an attacker can make us spend on counters for made-up usernames.
    private static final long MAX_COUNTERS = 100_000;

    /** Failures in one window; the window's end is kept by the cache's expiry. */
    private record Window(long startNanos, int failures) {}

    private final int perUsername;
    private final int perAddress;
    private final Duration window;
    private final Ticker ticker;
    private final Cache<String, Window> byUsername;
    private final Cache<String, Window> byAddress;

    LoginThrottle() {
        this(FAILURES_PER_USERNAME, FAILURES_PER_ADDRESS, WINDOW, Ticker.systemTicker());
    }

    LoginThrottle(int perUsername, int perAddress, Duration window, Ticker ticker) {
        this.perUsername = perUsername;
        this.perAddress = perAddress;
        this.window = window;
        this.ticker = ticker;
        this.byUsername = counters();
        this.byAddress = counters();
    }

    /**
     * Takes one attempt for {@code username} from {@code address}: counted as a failure until {@link #succeeded} says
     * otherwise, so that attempts made at the same time cannot slip past the limit together.
     *
     * @return how long until the username (or address) may try again; empty when this attempt may go ahead
     */
    Optional<Duration> attempt(String username, String address) {
        Optional<Duration> user = take(byUsername, key(username), perUsername);
        if (user.isPresent()) {
            return user;
        }
        Optional<Duration> client = take(byAddress, address, perAddress);
        if (client.isPresent()) {
            giveBack(byUsername, key(username));
        }
        return client;
    }

    /**
     * The attempt had the right password: the username's count ends, and the attempt no longer counts against the
     * address (its earlier failures still do: one success must not excuse many guesses).
     */
    void succeeded(String username, String address) {
        byUsername.invalidate(key(username));
        giveBack(byAddress, address);
    }

    private Optional<Duration> take(Cache<String, Window> counters, String key, int limit) {
        long now = ticker.read();
        Duration[] blocked = new Duration[1];
        counters.asMap().compute(key, (ignored, current) -> {
            if (current == null) {
                return new Window(now, 1);
            }
            Duration left = window.minusNanos(now - current.startNanos());
            if (!left.isPositive()) {
                return new Window(now, 1);
            }
            if (current.failures() >= limit) {
                blocked[0] = left;
                return current;
            }
            return new Window(current.startNanos(), current.failures() + 1);
        });
        return Optional.ofNullable(blocked[0]);
    }

    private static void giveBack(Cache<String, Window> counters, String key) {
        counters.asMap()
                .computeIfPresent(
                        key,
                        (ignored, current) -> current.failures() > 1
                                ? new Window(current.startNanos(), current.failures() - 1)
                                : null);
    }

    private Cache<String, Window> counters() {
        return Caffeine.newBuilder()
                .maximumSize(MAX_COUNTERS)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Window>() {
                    @Override
                    public long expireAfterCreate(String key, Window value, long currentTime) {
                        return window.toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Window value, long currentTime, long currentDuration) {
                        // Later failures do not extend the window that the first one opened.
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Window value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
