package dev.easel.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Where a failed form login goes: back to {@code /login?error} (wrong username or password) or
 * {@code /login?suspended}; a throttled attempt is answered 429 with Retry-After, as on the API.
 */
final class FormLoginFailureHandler implements AuthenticationFailureHandler {
    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof LoginThrottledException throttled) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.getOutputStream().write(throttled.getMessage().getBytes(StandardCharsets.UTF_8));
            return;
        }
        String reason = failure instanceof DisabledException ? "suspended" : "error";
        response.sendRedirect(request.getContextPath() + "/login?" + reason);
    }
}
