package dev.easel.server.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many accounts one client address may register: each costs bcrypt time, and unlimited accounts would defeat every
 * per-user limit.
 *
 * @param perAddress registrations per address and window; 0 turns the limit off (e.g. a private server)
 * @param window how long a window lasts, from the address's first registration in it
 */
@ConfigurationProperties("easel.auth.registration")
public record RegistrationProperties(
        @DefaultValue("5") int perAddress,
        @DefaultValue("1h") Duration window) {
    public RegistrationProperties {
        if (perAddress < 0) {
            throw new IllegalArgumentException(
                    "easel.auth.registration.per-address must be 0 (no limit) or more, got " + perAddress);
        }
        if (!window.isPositive()) {
            throw new IllegalArgumentException("easel.auth.registration.window must be positive, got " + window);
        }
    }
}
