package dev.easel.server.api;

/** A part of the request (an uploaded file) is over its size limit (413 naming the field). */
public class ContentTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ContentTooLargeException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
