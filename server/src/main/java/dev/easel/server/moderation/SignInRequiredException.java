package dev.easel.server.moderation;

/** The caller is not signed in (the anonymous account included) and this needs an account (401). */
class SignInRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SignInRequiredException(String message) {
        super(message);
    }
}
