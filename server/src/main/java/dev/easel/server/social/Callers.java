package dev.easel.server.social;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.SignInRequiredException;
import org.springframework.stereotype.Component;

/** Who may act: social writes (and one's own feed and notifications) need a real, signed-in account. */
@Component
class Callers {
    private final UserService users;

    Callers(UserService users) {
        this.users = users;
    }

    UserAccount signedIn(UserAccount user, String action) {
        if (user == null || users.isAnonymous(user)) {
            throw new SignInRequiredException("sign in (or send an API key of your account) to " + action);
        }
        return user;
    }
}
