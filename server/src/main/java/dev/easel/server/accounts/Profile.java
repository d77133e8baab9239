package dev.easel.server.accounts;

import java.time.Instant;

/**
 * A user's public profile.
 *
 * @param displayName shown instead of the username
 * @param bio free text as the user wrote it, or null
 * @param avatarUrl where the avatar image is served (a path on this server), or null
 * @param suspended whether a moderator suspended the account (only moderators see suspended profiles)
 */
public record Profile(
        long id,
        String username,
        String displayName,
        String bio,
        String avatarUrl,
        Role role,
        Instant createdAt,
        boolean suspended) {}
