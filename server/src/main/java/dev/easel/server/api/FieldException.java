package dev.easel.server.api;

/** A request field has a bad value (400 naming the field). */
public class FieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public FieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
