package dev.easel.server.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How API callers are recognised.
 *
 * @param adminApiKey an operator's secret that authenticates as the {@code admin} user without any set-up (from
 *     {@code EASEL_ADMIN_API_KEY}); blank means none
 * @param allowAnonymous whether API calls without a key run as the {@code anonymous} user, as a local A1111 does,
 *     instead of getting 401
 */
@ConfigurationProperties("easel.auth")
public record AuthProperties(
        String adminApiKey, @DefaultValue("true") boolean allowAnonymous) {
    /** Short operator keys are guessable, and this one opens everything. */
    static final int MIN_ADMIN_KEY_LENGTH = 16;

    public AuthProperties {
        adminApiKey = adminApiKey == null || adminApiKey.isBlank() ? null : adminApiKey.strip();
        if (adminApiKey != null && adminApiKey.length() < MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalArgumentException("easel.auth.admin-api-key (EASEL_ADMIN_API_KEY) must be at least "
                    + MIN_ADMIN_KEY_LENGTH + " characters long");
        }
    }

    public boolean hasAdminApiKey() {
        return adminApiKey != null;
    }
}
