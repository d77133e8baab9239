package dev.easel.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;

/**
 * Re-reads the account a session was signed in as, on every request, so that a suspension ends the session at once
 * and a role change applies to the next request. One primary-key read per session request.
 */
final class SessionUsers {
    private static final String SUSPENDED_ATTRIBUTE = SessionUsers.class.getName() + ".suspended";

    private SessionUsers() {}

    /**
     * The session's authentication with the account as it is now; empty when the request has no signed-in session, or
     * the account is suspended or gone (the session is then invalidated, and {@link #wasSuspended} tells which).
     */
    static Optional<Authentication> refresh(SecurityContext context, UserService users, HttpServletRequest request) {
        Authentication current = context.getAuthentication();
        if (!wasSignedIn(current)) {
            return Optional.empty();
        }
        UserAccount signedIn = (UserAccount) current.getPrincipal();
        Optional<UserAccount> account = users.findActive(signedIn.id());
        if (account.isEmpty()) {
            request.setAttribute(SUSPENDED_ATTRIBUTE, users.isSuspended(signedIn.id()));
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return Optional.empty();
        }
        return Optional.of(
                account.get().equals(signedIn) ? current : SignInService.sessionAuthentication(account.get()));
    }

    /** Whether this is a password sign-in's authentication (what sessions hold). */
    static boolean wasSignedIn(Authentication authentication) {
        return authentication instanceof UsernamePasswordAuthenticationToken
                && authentication.getPrincipal() instanceof UserAccount;
    }

    /** Whether {@link #refresh} just ended a session because its account is suspended. */
    static boolean wasSuspended(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(SUSPENDED_ATTRIBUTE));
    }
}
