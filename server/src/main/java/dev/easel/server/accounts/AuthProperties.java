package dev.easel.server.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How callers are recognised.
 *
 * @param adminApiKey an operator's secret that authenticates as the {@code admin} user without any set-up (from
 *     {@code EASEL_ADMIN_API_KEY}); blank means none
 * @param allowAnonymous whether API calls without a key run as the {@code anonymous} user, as a local A1111 does,
 *     instead of getting 401
 * @param adminUsername an account that is made to exist as an admin with {@code adminPassword} at every startup (from
 *     {@code EASEL_ADMIN_USERNAME}); blank means none
 * @param adminPassword its password (from {@code EASEL_ADMIN_PASSWORD})
 */
@ConfigurationProperties("easel.auth")
public record AuthProperties(
        String adminApiKey, @DefaultValue("true") boolean allowAnonymous, String adminUsername, String adminPassword) {
    /** Short operator keys are guessable, and this one opens everything. */
    static final int MIN_ADMIN_KEY_LENGTH = 16;

    public AuthProperties {
        adminApiKey = blankToNull(adminApiKey);
        if (adminApiKey != null && adminApiKey.length() < MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalArgumentException("easel.auth.admin-api-key (EASEL_ADMIN_API_KEY) must be at least "
                    + MIN_ADMIN_KEY_LENGTH + " characters long");
        }
        adminUsername = blankToNull(adminUsername);
        adminPassword = adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
        if ((adminUsername == null) != (adminPassword == null)) {
            throw new IllegalArgumentException("easel.auth.admin-username (EASEL_ADMIN_USERNAME) and"
                    + " easel.auth.admin-password (EASEL_ADMIN_PASSWORD) must be set together");
        }
    }

    public boolean hasAdminApiKey() {
        return adminApiKey != null;
    }

    public boolean hasAdminAccount() {
        return adminUsername != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
