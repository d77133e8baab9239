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
 * even with the right password, so guessing costs a window per few tries. Kept in this process's memory: on several
 * nodes each counts on its own.
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

    /** How long until {@code username} from {@code address} may try again; empty when it may try now. */
    Optional<Duration> blockedFor(String username, String address) {
        Optional<Duration> user = blockedFor(byUsername, key(username), perUsername);
        Optional<Duration> client = blockedFor(byAddress, address, perAddress);
        if (user.isPresent() && client.isPresent()) {
            return Optional.of(user.get().compareTo(client.get()) > 0 ? user.get() : client.get());
        }
        return user.isPresent() ? user : client;
    }

    void failed(String username, String address) {
        count(byUsername, key(username));
        count(byAddress, address);
    }

    /** A correct password ends the username's count (not the address's: one success must not excuse many guesses). */
    void succeeded(String username) {
        byUsername.invalidate(key(username));
    }

    private Optional<Duration> blockedFor(Cache<String, Window> counters, String key, int limit) {
        Window current = counters.getIfPresent(key);
        if (current == null || current.failures() < limit) {
            return Optional.empty();
        }
        Duration left = window.minusNanos(ticker.read() - current.startNanos());
        return left.isPositive() ? Optional.of(left) : Optional.empty();
    }

    private void count(Cache<String, Window> counters, String key) {
        counters.asMap()
                .merge(
                        key,
                        new Window(ticker.read(), 1),
                        (old, added) -> new Window(old.startNanos(), old.failures() + 1));
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
