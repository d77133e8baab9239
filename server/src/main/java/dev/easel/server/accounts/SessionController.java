package dev.easel.server.accounts;

import dev.easel.server.api.ApiError;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Browser sign-in for scripts: a session cookie instead of an API key, and the CSRF token that goes with it. */
@RestController
class SessionController {
    private final SignInService signIns;
    private final CookieCsrfTokenRepository csrfTokens;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionController(SignInService signIns, CookieCsrfTokenRepository csrfTokens) {
        this.signIns = signIns;
        this.csrfTokens = csrfTokens;
    }

    /** Signs in: a new session id (never the one the request came with) and a new CSRF token. */
    @PostMapping("/api/v1/session")
    AccountView signIn(@RequestBody Credentials credentials, HttpServletRequest request, HttpServletResponse response) {
        UserAccount user = signIns.signIn(credentials.username(), credentials.password(), request.getRemoteAddr());
        if (request.getSession(false) != null) {
            request.changeSessionId();
        } else {
            request.getSession(true);
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(SignInService.sessionAuthentication(user));
        contexts.setContext(context);
        sessions.saveContext(context, request, response);
        csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);
        return AccountView.of(user, false);
    }

    /** Signs out: the session ends and its cookie is dropped; harmless without one. */
    @DeleteMapping("/api/v1/session")
    ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        contexts.clearContext();
        Cookie expired = new Cookie(SecurityConfig.SESSION_COOKIE, "");
        expired.setPath("/");
        expired.setMaxAge(0);
        expired.setHttpOnly(true);
        response.addCookie(expired);
        csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);
        return ResponseEntity.noContent().build();
    }

    /** The CSRF token (also set as the {@code XSRF-TOKEN} cookie), for scripts that want it before their first write. */
    @GetMapping("/api/v1/session/csrf")
    CsrfView csrf(HttpServletRequest request, HttpServletResponse response) {
        CsrfToken token = csrfTokens.loadToken(request);
        if (token == null) {
            token = csrfTokens.generateToken(request);
            csrfTokens.saveToken(token, request, response);
        }
        return new CsrfView(token.getHeaderName(), token.getParameterName(), token.getToken());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ApiError> refused(AuthenticationException e) {
        HttpStatus status = e instanceof LoginThrottledException
                ? HttpStatus.TOO_MANY_REQUESTS
                : e instanceof DisabledException ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (e instanceof LoginThrottledException throttled) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
        }
        return answer.body(new ApiError(status.value(), status.getReasonPhrase(), e.getMessage(), null));
    }

    record Credentials(String username, String password) {}

    record CsrfView(String headerName, String parameterName, String token) {}
}
