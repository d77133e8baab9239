package dev.easel.server.accounts;

import dev.easel.server.api.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 401 for the API (403 for a suspended account): the {@link ApiError} body, or OpenAI's error shape under
 * {@code /v1/**} so that OpenAI clients show the message.
 */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {
    static final String MISSING_KEY = "an API key is required (or a signed-in session): send 'Authorization: Bearer"
            + " <key>' or 'X-API-Key: <key>', or sign in with POST /api/v1/session";

    private static final RequestMatcher OPENAI =
            PathPatternRequestMatcher.withDefaults().matcher("/v1/**");

    private final JsonMapper json;

    ApiAuthenticationEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof DisabledException) {
            write(request, response, HttpStatus.FORBIDDEN, failure.getMessage(), "account_suspended");
            return;
        }
        // Any other failure means no key was sent (and anonymous use is off, or the path needs an account).
        boolean wrongKey = failure instanceof BadCredentialsException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, wrongKey ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                wrongKey ? failure.getMessage() : MISSING_KEY,
                wrongKey ? "invalid_api_key" : null);
    }

    /** Writes an error in the shape the path's clients expect; {@code openAiCode} is OpenAI's {@code code} field. */
    void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String message,
            String openAiCode)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        Object body = OPENAI.matches(request)
                ? new OpenAiError(new OpenAiError.Detail(message, openAiCode))
                : new ApiError(status.value(), status.getReasonPhrase(), message, null);
        json.writeValue(response.getOutputStream(), body);
    }

    /** OpenAI's error body: {@code {"error": {"message", "type", "param", "code"}}}. */
    record OpenAiError(Detail error) {
        record Detail(String message, String type, String param, String code) {
            Detail(String message, String code) {
                this(message, "invalid_request_error", null, code);
            }
        }
    }
}
