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
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides who an API request runs as: the owner of the key in {@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>} (Authorization wins when both are sent), else the {@code anonymous} user when allowed. A key
 * that is sent but wrong is refused even when anonymous use is allowed, so a mistyped key never silently runs as
 * anonymous.
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

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String apiKeyHeader = request.getHeader(API_KEY_HEADER);
        if (authorization == null && apiKeyHeader == null) {
            if (allowAnonymous) {
                authenticate(new AnonymousAuthenticationToken(
                        ANONYMOUS_KEY, users.anonymous(), List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
            }
            chain.doFilter(request, response);
            return;
        }
        if (authorization != null && !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            refuse(request, response, "the Authorization header must be 'Bearer <API key>'");
            return;
        }
        String secret =
                authorization != null ? authorization.substring(BEARER.length()).strip() : apiKeyHeader.strip();
        Optional<UserAccount> user = keys.authenticate(secret);
        if (user.isEmpty()) {
            refuse(request, response, "invalid or revoked API key");
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

    private void refuse(HttpServletRequest request, HttpServletResponse response, String reason)
            throws IOException, ServletException {
        contexts.clearContext();
        refusal.commence(request, response, new BadCredentialsException(reason));
    }
}
