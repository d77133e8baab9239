package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's windows, with a clock the test moves. */
class LoginThrottleTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Ticker clock = nanos::get;
    private final LoginThrottle throttle = new LoginThrottle(5, 8, WINDOW, clock);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void fiveFailuresBlockTheUsernameUntilTheWindowThatTheFirstOpenedEnds() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ann", "10.0.0.1");
            advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.blockedFor("ann", "10.0.0.1")).isEmpty();
        throttle.failed("ann", "10.0.0.1");

        assertThat(throttle.blockedFor("ann", "10.0.0.2")).contains(Duration.ofMinutes(11));
        assertThat(throttle.blockedFor("ANN ", "10.0.0.3")).isPresent();
        assertThat(throttle.blockedFor("bob", "10.0.0.2")).isEmpty();
        advance(Duration.ofMinutes(11).minusSeconds(1));
        assertThat(throttle.blockedFor("ann", "10.0.0.2")).contains(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(throttle.blockedFor("ann", "10.0.0.2")).isEmpty();
    }

    @Test
    void manyFailuresFromOneAddressBlockItForEveryUsername() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("user-" + i, "10.0.0.9");
        }

        assertThat(throttle.blockedFor("someone-else", "10.0.0.9")).contains(WINDOW);
        assertThat(throttle.blockedFor("someone-else", "10.0.0.10")).isEmpty();
        advance(WINDOW);
        assertThat(throttle.blockedFor("someone-else", "10.0.0.9")).isEmpty();
    }

    @Test
    void aSuccessClearsTheUsernameCountButNotTheAddressCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ann", "10.0.0.1");
        }
        throttle.succeeded("ann");
        for (int i = 0; i < 4; i++) {
            throttle.failed("ann", "10.0.0.1");
        }

        assertThat(throttle.blockedFor("ann", "10.0.0.5")).isEmpty();
        assertThat(throttle.blockedFor("bob", "10.0.0.1")).contains(WINDOW);
    }
}
