package dev.easel.server.accounts;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins for a username or from an address (429 with Retry-After). */
final class LoginThrottledException extends AuthenticationException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("too many failed sign-ins: try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
