package dev.easel.server.api;

import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * A request body is refused while it is being read: it is over its limit (413), or too many large bodies are being
 * read at once (503). An {@link IOException}, so that it ends whatever reads the body, however it reads it.
 */
public final class BodyRefusedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final HttpStatus status;
    private final String field;
    private final Duration retryAfter;

    private BodyRefusedException(HttpStatus status, String message, String field, Duration retryAfter) {
        super(message);
        this.status = status;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    static BodyRefusedException declaredTooLarge(UploadLimit limit, long length) {
        return new BodyRefusedException(
                HttpStatus.CONTENT_TOO_LARGE,
                limit.what() + " too large: " + length + " bytes, the limit is " + limit.maxBytes(),
                limit.field(),
                null);
    }

    static BodyRefusedException tooLarge(UploadLimit limit) {
        return new BodyRefusedException(
                HttpStatus.CONTENT_TOO_LARGE,
                limit.what() + " too large: more than the limit of " + limit.maxBytes() + " bytes",
                limit.field(),
                null);
    }

    static BodyRefusedException busy(Duration retryAfter) {
        return new BodyRefusedException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "too many large request bodies are being read at once; try again in a moment",
                null,
                retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field named in the error, or null. */
    public String field() {
        return field;
    }

    /** When to try again (503), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
