package dev.easel.server.accounts;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The pages' form login, through the same throttled sign-in as {@code POST /api/v1/session}. */
final class PasswordSignInProvider implements AuthenticationProvider {
    private final SignInService signIns;

    PasswordSignInProvider(SignInService signIns) {
        this.signIns = signIns;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : "unknown";
        Object password = attempt.getCredentials();
        UserAccount user = signIns.signIn(attempt.getName(), password == null ? null : password.toString(), address);
        return SignInService.sessionAuthentication(user);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
