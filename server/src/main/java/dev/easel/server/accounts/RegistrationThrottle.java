package dev.easel.server.accounts;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.easel.server.api.TooManyRequestsException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Limits registrations per client address ({@link RegistrationProperties}). An attempt is counted before the account
 * is made, so that attempts sent at the same time cannot get past the limit together, and given back when it was
 * refused.
 */
@Component
class RegistrationThrottle {
    // Bounds the memory spent on counters when many addresses register.
    private static final long MAX_COUNTERS = 100_000;

    private final WindowCounters byAddress;

    RegistrationThrottle(RegistrationProperties properties) {
        this.byAddress = properties.perAddress() == 0
                ? null
                : new WindowCounters(properties.perAddress(), properties.window(), MAX_COUNTERS, Ticker.systemTicker());
    }

    /** @throws TooManyRequestsException (429 with Retry-After) when the address used up its registrations */
    void attempt(String address) {
        Optional<Duration> blocked = byAddress == null ? Optional.empty() : byAddress.take(address);
        if (blocked.isPresent()) {
            long seconds = Math.max(1, blocked.get().toSeconds());
            throw new TooManyRequestsException(
                    "too many registrations from this address: try again in " + seconds + " seconds", blocked.get());
        }
    }

    /** The attempt made no account. */
    void giveBack(String address) {
        if (byAddress != null) {
            byAddress.giveBack(address);
        }
    }
}
