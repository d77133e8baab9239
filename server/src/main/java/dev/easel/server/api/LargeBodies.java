package dev.easel.server.api;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Turns for reading large bodies: parsing one can take many times its size in memory, so only a few are read at once,
 * and the rest wait briefly, then are refused, rather than all being read together.
 */
final class LargeBodies {
    private final long thresholdBytes;
    private final Semaphore turns;
    private final Duration wait;

    LargeBodies(long thresholdBytes, int maxAtOnce, Duration wait) {
        this.thresholdBytes = thresholdBytes;
        this.turns = new Semaphore(maxAtOnce, true);
        this.wait = wait;
    }

    boolean isLarge(long bytes) {
        return bytes > thresholdBytes;
    }

    /** Waits at most the configured time for a turn; {@link #release} it when the request ends. */
    boolean acquire() {
        try {
            return turns.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void release() {
        turns.release();
    }

    /** What a refused client is told to wait: at least a second, as Retry-After counts whole seconds. */
    Duration retryAfter() {
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }
}
