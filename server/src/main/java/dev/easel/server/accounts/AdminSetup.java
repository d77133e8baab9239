package dev.easel.server.accounts;

import dev.easel.server.api.FieldException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How a server gets its first admin: never through open registration, always by the operator. Either the configured
 * password admin ({@code EASEL_ADMIN_USERNAME} and {@code EASEL_ADMIN_PASSWORD}: created, or made admin with that
 * password, at every startup, so the settings are the way back in when the password is forgotten), the admin API key,
 * or a one-time setup token printed in the log at a startup that finds no admin: registering with it makes an admin,
 * once. The token lives in this process's memory only, so a restart prints a new one and the old one dies.
 */
@Component
public class AdminSetup {
    private static final Logger log = LoggerFactory.getLogger(AdminSetup.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserService users;
    private final AuthProperties auth;
    private final AtomicReference<String> setupToken = new AtomicReference<>();

    AdminSetup(UserService users, AuthProperties auth) {
        this.users = users;
        this.auth = auth;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (auth.hasAdminAccount()) {
            UserAccount admin = users.ensureAdmin(auth.adminUsername(), auth.adminPassword());
            log.info("admin account '{}' is ready (from easel.auth.admin-username)", admin.username());
        }
        // The admin key's account may be created by another listener after this one: the key counts as an admin.
        if (!auth.hasAdminAccount() && !auth.hasAdminApiKey() && !users.adminExists()) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            setupToken.set(token);
            log.warn(
                    "No admin account exists. Create one by registering with this one-time setup token: {} (the"
                            + " registration page's setup token field, or POST /api/v1/users with \"setupToken\")."
                            + " It works once, and a restart replaces it.",
                    token);
        }
    }

    /** Whether a setup token is waiting to be used (the registration page then asks for it). */
    public boolean pending() {
        return setupToken.get() != null;
    }

    /**
     * Registers the first admin with the setup token. A registration refused for its fields leaves the token usable.
     *
     * @throws FieldException naming {@code setupToken} when it is wrong or already used, or the field that is wrong
     */
    UserAccount registerAdmin(NewUser user, String offered) {
        String token = setupToken.get();
        boolean matches = token != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), offered.getBytes(StandardCharsets.UTF_8));
        // Taking the token before creating the account: two registrations with it cannot both become admin.
        if (!matches || !setupToken.compareAndSet(token, null)) {
            throw new FieldException("setupToken", "setupToken is wrong or already used");
        }
        try {
            UserAccount admin = users.create(user, Role.ADMIN);
            log.info("admin account '{}' created with the setup token, which is now used up", admin.username());
            return admin;
        } catch (RuntimeException e) {
            setupToken.compareAndSet(null, token);
            throw e;
        }
    }
}
