package dev.easel.server.api;

/** The request clashes with the current state, e.g. a second open report of one item (409). */
public class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
