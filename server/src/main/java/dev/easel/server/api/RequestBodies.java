package dev.easel.server.api;

import org.springframework.http.converter.HttpMessageNotReadableException;

/** Turns JSON parsing failures into messages that name the field, without leaking parser internals. */
public final class RequestBodies {
    private RequestBodies() {}

    public static String describe(HttpMessageNotReadableException e) {
        String field = field(e);
        if (field != null) {
            return field + ": wrong type or malformed value";
        }
        return "request body is missing or not valid JSON";
    }

    /** The JSON path of the offending field, e.g. "steps", or null when the body as a whole is bad. */
    public static String field(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof tools.jackson.databind.DatabindException mapping
                    && !mapping.getPath().isEmpty()) {
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
}
