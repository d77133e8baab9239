package dev.easel.server.accounts;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * Decides who an API request runs as: the owner of the key in {@code Authorization: Bearer <key>},
 * {@code Authorization: Basic <base64 of user:key>} (the user name is ignored: the key names its owner; A1111 clients
 * such as Open WebUI and SillyTavern only send Basic) or {@code X-API-Key: <key>} (Authorization wins when both are
 * sent), else the user signed in to the request's session, else the {@code anonymous} user when allowed. An empty
 * credential ({@code Bearer } or {@code Basic } with nothing after it, or an empty user and password, as those clients
 * send when no auth is set) counts as none. A key that is sent but wrong is refused even when anonymous use is allowed,
 * so a mistyped key never silently runs as anonymous. A suspended account is refused (403) on every request, by key
 * or by session, because the account is read afresh each time.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";
    private static final String BASIC = "basic ";
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
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String header = request.getHeader(API_KEY_HEADER);
        return (authorization != null && !isEmptyCredential(authorization)) || (header != null && !header.isBlank());
    }

    /** {@code Bearer}, {@code Basic} with nothing after it, or Basic of an empty user and password. */
    private static boolean isEmptyCredential(String authorization) {
        String lower = authorization.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("bearer") || lower.equals("basic")) {
            return true;
        }
        if (lower.startsWith(BASIC)) {
            String encoded = authorization.strip().substring(BASIC.length()).strip();
            return encoded.isEmpty() || basicKey(encoded).map(String::isEmpty).orElse(false);
        }
        return lower.startsWith(BEARER)
                && authorization.strip().substring(BEARER.length()).isBlank();
    }

    /** The key in a Basic credential: the password, or the user name when the password is empty; empty if neither. */
    private static Optional<String> basicKey(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        return Optional.of(password.isBlank() ? user.strip() : password.strip());
    }

    /** The key the request sends, or empty when its Authorization header is neither Bearer nor valid Basic. */
    private static Optional<String> sentKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || isEmptyCredential(authorization)) {
            return Optional.of(request.getHeader(API_KEY_HEADER).strip());
        }
        String lower = authorization.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith(BEARER)) {
            return Optional.of(authorization.strip().substring(BEARER.length()).strip());
        }
        if (lower.startsWith(BASIC)) {
            return basicKey(authorization.strip().substring(BASIC.length()).strip());
        }
        return Optional.empty();
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
        Optional<String> sent = sentKey(request);
        if (sent.isEmpty()) {
            refuse(
                    request,
                    response,
                    new BadCredentialsException(
                            "the Authorization header must be 'Bearer <API key>' or 'Basic <base64 of user:API key>'"));
            return;
        }
        String secret = sent.get();
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
