package dev.easel.server.accounts;

import dev.easel.server.api.FieldException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Service;

/**
 * Password sign-in for both the JSON session endpoint and the pages' form login, behind the login throttle. Failures
 * are Spring Security's own exceptions so that the form login reports them the same way.
 */
@Service
class SignInService {
    static final String SUSPENDED = "account suspended";
    static final String WRONG_CREDENTIALS = "wrong username or password";
    private static final String CURRENT_PASSWORD = "currentPassword";

    private final UserService users;
    private final LoginThrottle throttle;

    @Autowired
    SignInService(UserService users) {
        this(users, new LoginThrottle());
    }

    SignInService(UserService users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    /**
     * The account with this username and password.
     *
     * @param address the client's IP address, counted separately from the username
     * @throws LoginThrottledException while the username or address has too many recent failures (checked first, so a
     *     right password is refused too)
     * @throws BadCredentialsException when the username or password is wrong
     * @throws DisabledException when the account is suspended
     */
    UserAccount signIn(String username, String password, String address) {
        Optional<Duration> blocked = throttle.attempt(username, address);
        if (blocked.isPresent()) {
            throw new LoginThrottledException(blocked.get());
        }
        Optional<UserAccount> user = users.checkPassword(username, password);
        if (user.isEmpty()) {
            throw new BadCredentialsException(WRONG_CREDENTIALS);
        }
        throttle.succeeded(username, address);
        if (users.isSuspended(user.get().id())) {
            throw new DisabledException(SUSPENDED);
        }
        return user.get();
    }

    /**
     * Changes the caller's password; a wrong current password counts as a failed sign-in, so a borrowed session cannot
     * be used to guess it.
     */
    void changePassword(UserAccount user, String currentPassword, String newPassword, String address) {
        Optional<Duration> blocked = throttle.attempt(user.username(), address);
        if (blocked.isPresent()) {
            throw new LoginThrottledException(blocked.get());
        }
        try {
            users.changePassword(user, currentPassword, newPassword);
        } catch (FieldException e) {
            if (!CURRENT_PASSWORD.equals(e.field())) {
                throttle.succeeded(user.username(), address);
            }
            throw e;
        }
        throttle.succeeded(user.username(), address);
    }

    /** What a signed-in session holds: the account as principal, its role as authority. */
    static Authentication sessionAuthentication(UserAccount user) {
        return UsernamePasswordAuthenticationToken.authenticated(
                user,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    }
}
