package dev.easel.server.accounts;

import dev.easel.server.api.FieldException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration, and who the caller is (so a client can check which account its key, or no key, acts as). */
@RestController
class AccountController {
    private final UserService users;

    AccountController(UserService users) {
        this.users = users;
    }

    /** Open registration; the first account on a server without an admin becomes its admin. */
    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView register(@RequestBody NewUser user) {
        if (user.password() == null) {
            // Without a password a registered account could never sign in to get its first key.
            throw new FieldException("password", "password is required");
        }
        return view(users.create(user));
    }

    @GetMapping("/api/v1/me")
    AccountView me(@AuthenticationPrincipal UserAccount user) {
        return view(user);
    }

    private AccountView view(UserAccount user) {
        return new AccountView(user.id(), user.username(), user.displayName(), user.role(), users.isAnonymous(user));
    }

    record AccountView(long id, String username, String displayName, Role role, boolean anonymous) {}
}
