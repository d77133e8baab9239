package dev.easel.server.accounts;

/**
 * A registration.
 *
 * @param username 3-32 characters of {@code [a-z0-9_-]}, unique
 * @param displayName shown instead of the username; the username when null
 * @param password null for an account that signs in only with API keys
 */
public record NewUser(String username, String displayName, String password) {}
