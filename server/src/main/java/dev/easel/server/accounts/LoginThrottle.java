package dev.easel.server.accounts;

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

    private final WindowCounters byUsername;
    private final WindowCounters byAddress;

    LoginThrottle() {
        this(FAILURES_PER_USERNAME, FAILURES_PER_ADDRESS, WINDOW, Ticker.systemTicker());
    }

    LoginThrottle(int perUsername, int perAddress, Duration window, Ticker ticker) {
        this.byUsername = new WindowCounters(perUsername, window, MAX_COUNTERS, ticker);
        this.byAddress = new WindowCounters(perAddress, window, MAX_COUNTERS, ticker);
    }

    /**
     * Takes one attempt for {@code username} from {@code address}: counted as a failure until {@link #succeeded} says
     * otherwise, so that attempts made at the same time cannot slip past the limit together.
     *
     * @return how long until the username (or address) may try again; empty when this attempt may go ahead
     */
    Optional<Duration> attempt(String username, String address) {
        Optional<Duration> user = byUsername.take(key(username));
        if (user.isPresent()) {
            return user;
        }
        Optional<Duration> client = byAddress.take(address);
        if (client.isPresent()) {
            byUsername.giveBack(key(username));
        }
        return client;
    }

    /**
     * The attempt had the right password: the username's count ends, and the attempt no longer counts against the
     * address (its earlier failures still do: one success must not excuse many guesses).
     */
    void succeeded(String username, String address) {
        byUsername.clear(key(username));
        byAddress.giveBack(address);
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
