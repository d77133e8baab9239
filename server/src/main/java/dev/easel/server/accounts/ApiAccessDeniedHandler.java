package dev.easel.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/** Answers 403 with the API's JSON error, saying how to send the CSRF token when that is what was missing. */
final class ApiAccessDeniedHandler implements AccessDeniedHandler {
    static final String CSRF_MISSING =
            "CSRF token missing or wrong: a request signed in by session cookie must send the"
                    + " XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header (GET /api/v1/session/csrf gives one)";

    private final ApiAuthenticationEntryPoint errors;

    ApiAccessDeniedHandler(ApiAuthenticationEntryPoint errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String message = denied instanceof CsrfException ? CSRF_MISSING : "access denied";
        errors.write(request, response, HttpStatus.FORBIDDEN, message, null);
    }
}
