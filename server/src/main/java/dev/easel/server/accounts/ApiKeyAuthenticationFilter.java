package dev.easel.server.accounts;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides who an API request runs as: the owner of the key in {@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>} (Authorization wins when both are sent), else the user signed in to the request's session,
 * else the {@code anonymous} user when allowed. A key that is sent but wrong is refused even when anonymous use is
 * allowed, so a mistyped key never silently runs as anonymous. A suspended account is refused (403) on every request,
 * by key or by session, because the account is read afresh each time.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";
    private static final String ANONYMOUS_KEY = "easel-anonymous";

    private final ApiKeyService keys;
    private final UserService users;
    private final boolean allowAnonymous;
    private final AuthenticationEntryPoint refusal;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(
            ApiKeyService keys, UserService users, boolean allowAnonymous, AuthenticationEntryPoint refusal) {
        this.keys = keys;
        this.users = users;
        this.allowAnonymous = allowAnonymous;
        this.refusal = refusal;
    }

    /** Whether the request carries an API key (or tries to); such requests never use the session or CSRF. */
    static boolean sendsKey(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getHeader(API_KEY_HEADER) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!sendsKey(request)) {
            Optional<Authentication> session = SessionUsers.refresh(contexts.getContext(), users, request);
            if (session.isEmpty() && SessionUsers.wasSuspended(request)) {
                refuse(request, response, new DisabledException(SignInService.SUSPENDED));
                return;
            }
            if (session.isPresent()) {
                authenticate(session.get());
            } else if (allowAnonymous) {
                authenticate(new AnonymousAuthenticationToken(
                        ANONYMOUS_KEY, users.anonymous(), List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
            } else {
                contexts.clearContext();
            }
            chain.doFilter(request, response);
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            refuse(
                    request,
                    response,
                    new BadCredentialsException("the Authorization header must be 'Bearer <API key>'"));
            return;
        }
        String secret = authorization != null
                ? authorization.substring(BEARER.length()).strip()
                : request.getHeader(API_KEY_HEADER).strip();
        Optional<UserAccount> user = keys.authenticate(secret);
        if (user.isEmpty()) {
            refuse(request, response, new BadCredentialsException("invalid or revoked API key"));
            return;
        }
        if (users.isSuspended(user.get().id())) {
            refuse(request, response, new DisabledException(SignInService.SUSPENDED));
            return;
        }
        authenticate(new ApiKeyAuthentication(user.get()));
        chain.doFilter(request, response);
    }

    private void authenticate(Authentication authentication) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException, ServletException {
        contexts.clearContext();
        refusal.commence(request, response, reason);
    }
}
