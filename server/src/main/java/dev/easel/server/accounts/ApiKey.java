package dev.easel.server.accounts;

import java.time.Instant;

/**
 * An API key as its owner sees it later: never the secret, only its first characters to tell keys apart.
 *
 * @param lastUsedAt when it last authenticated a request (to the minute), or null
 * @param revokedAt when it stopped working, or null while it works
 */
public record ApiKey(
        long id, long userId, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
