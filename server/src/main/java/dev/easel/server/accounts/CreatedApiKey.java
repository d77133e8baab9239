package dev.easel.server.accounts;

/** A new key and its secret, which is shown this once and stored only as a hash. */
public record CreatedApiKey(ApiKey key, String secret) {}
