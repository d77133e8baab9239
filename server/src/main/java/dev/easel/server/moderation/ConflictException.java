package dev.easel.server.moderation;

/** The request clashes with the current state: a second open report, resolving a resolved report (409). */
class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConflictException(String message) {
        super(message);
    }
}
