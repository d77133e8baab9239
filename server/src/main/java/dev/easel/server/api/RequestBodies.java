package dev.easel.server.api;

import java.util.Optional;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;

/** Turns request body failures into messages that name the field or the limit, without leaking parser internals. */
public final class RequestBodies {
    private RequestBodies() {}

    public static String describe(HttpMessageNotReadableException e) {
        Optional<String> limit = jsonLimit(e);
        if (limit.isPresent()) {
            return limit.get();
        }
        String field = field(e);
        Optional<RequestText.UnacceptableTextException> text = cause(e, RequestText.UnacceptableTextException.class);
        if (text.isPresent()) {
            return (field == null ? "a string" : field) + " " + text.get().getOriginalMessage();
        }
        if (field != null) {
            return field + ": wrong type or malformed value";
        }
        return "request body is missing or not valid JSON";
    }

    /** The JSON path of the offending field, e.g. "steps", or null when the body as a whole is bad. */
    public static String field(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (var reference : mapping.getPath()) {
                    if (reference.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
            cause = cause.getCause();
        }
        return null;
    }

    /** The body refused while it was read (over its limit, or no turn for a large body), if that is what failed. */
    public static Optional<BodyRefusedException> refusal(Throwable e) {
        return cause(e, BodyRefusedException.class);
    }

    /** Which JSON parser limit the body is over, e.g. "...: Document nesting depth (33) exceeds ... (32)", if any. */
    public static Optional<String> jsonLimit(Throwable e) {
        return cause(e, StreamConstraintsException.class)
                .map(limit -> "request body is over a JSON limit: "
                        + limit.getOriginalMessage().replaceAll(", from `[^`]*`", ""));
    }

    private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
