package dev.easel.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Accepts the token in the {@code X-XSRF-TOKEN} header or the {@code _csrf} form field, either as the
 * {@code XSRF-TOKEN} cookie's value (what scripts copy) or masked, as Spring renders it into pages' forms (masking
 * keeps the token from showing up the same in every response, against BREACH).
 */
final class CsrfTokenHandler implements CsrfTokenRequestHandler {
    private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        masked.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        String header = request.getHeader(token.getHeaderName());
        String sent = header != null ? header : request.getParameter(token.getParameterName());
        if (sent != null
                && MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8), token.getToken().getBytes(StandardCharsets.UTF_8))) {
            return sent;
        }
        return masked.resolveCsrfTokenValue(request, token);
    }
}
