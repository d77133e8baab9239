package dev.easel.server.models;

/** The caller is the shared anonymous account (or nobody) and the action needs a real account (401). */
class SignInRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SignInRequiredException(String message) {
        super(message);
    }
}
