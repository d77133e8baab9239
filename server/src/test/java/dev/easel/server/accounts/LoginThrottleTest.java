package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's windows, with a clock the test moves. An attempt not followed by succeeded() is a failure. */
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
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.attempt("ann", "10.0.0." + i)).isEmpty();
            advance(Duration.ofMinutes(1));
        }

        assertThat(throttle.attempt("ann", "10.0.0.20")).contains(Duration.ofMinutes(10));
        assertThat(throttle.attempt("ANN ", "10.0.0.21")).isPresent();
        assertThat(throttle.attempt("bob", "10.0.0.20")).isEmpty();
        advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(throttle.attempt("ann", "10.0.0.20")).contains(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(throttle.attempt("ann", "10.0.0.20")).isEmpty();
    }

    @Test
    void manyFailuresFromOneAddressBlockItForEveryUsername() {
        for (int i = 0; i < 8; i++) {
            assertThat(throttle.attempt("user-" + i, "10.0.0.9")).isEmpty();
        }

        assertThat(throttle.attempt("someone-else", "10.0.0.9")).contains(WINDOW);
        assertThat(throttle.attempt("someone-else", "10.0.0.10")).isEmpty();
        advance(WINDOW);
        assertThat(throttle.attempt("someone-else", "10.0.0.9")).isEmpty();
    }

    @Test
    void aSuccessClearsTheUsernameCountAndIsNotCountedAgainstTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.attempt("ann", "10.0.0.1");
        }
        throttle.attempt("ann", "10.0.0.1");
        throttle.succeeded("ann", "10.0.0.1");
        for (int i = 0; i < 4; i++) {
            throttle.attempt("ann", "10.0.0.1");
        }

        // Ann has 4 failures since her success; the address has 8 failures, its limit.
        assertThat(throttle.attempt("ann", "10.0.0.5")).isEmpty();
        assertThat(throttle.attempt("bob", "10.0.0.1")).contains(WINDOW);
    }

    @Test
    void attemptsMadeAtTheSameTimeCannotGetPastTheLimitTogether() throws Exception {
        LoginThrottle wide = new LoginThrottle(5, 1_000, WINDOW, clock);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> allowed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                String address = "10.0.1." + i;
                allowed.add(pool.submit(() -> {
                    start.await();
                    return wide.attempt("ann", address).isEmpty();
                }));
            }
            start.countDown();
        }

        long goAheads = 0;
        for (Future<Boolean> result : allowed) {
            goAheads += result.get() ? 1 : 0;
        }
        assertThat(goAheads).isEqualTo(5);
    }
}
