package dev.easel.server.api;

/** The thing asked for does not exist or is not visible to the caller (404 either way, so ids leak nothing). */
public class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
