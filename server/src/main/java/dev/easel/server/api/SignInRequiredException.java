package dev.easel.server.api;

/** The caller must be signed in as a real account for this (401): signed-out visitors and the anonymous account. */
public class SignInRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SignInRequiredException(String message) {
        super(message);
    }
}
