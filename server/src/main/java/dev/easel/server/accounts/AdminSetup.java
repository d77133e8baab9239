package dev.easel.server.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The operator's password admin from {@code EASEL_ADMIN_USERNAME} and {@code EASEL_ADMIN_PASSWORD}: created, or made
 * admin with that password, at every startup, so the settings are the way back in when the password is forgotten.
 */
@Component
class AdminAccount {
    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final UserService users;
    private final AuthProperties auth;

    AdminAccount(UserService users, AuthProperties auth) {
        this.users = users;
        this.auth = auth;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        if (auth.hasAdminAccount()) {
            UserAccount admin = users.ensureAdmin(auth.adminUsername(), auth.adminPassword());
            log.info("admin account '{}' is ready (from easel.auth.admin-username)", admin.username());
        }
    }
}
