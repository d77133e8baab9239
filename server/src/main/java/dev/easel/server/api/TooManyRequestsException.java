package dev.easel.server.api;

import java.time.Duration;

/** A capacity limit was hit (429 with Retry-After): a full queue, too many jobs in flight, login throttling. */
public class TooManyRequestsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
