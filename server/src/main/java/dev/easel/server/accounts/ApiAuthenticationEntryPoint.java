package dev.easel.server.accounts;

import dev.easel.server.api.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 401 for the API: the {@link ApiError} body, or OpenAI's error shape under {@code /v1/**} so that OpenAI
 * clients show the message.
 */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {
    static final String MISSING_KEY =
            "an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'";

    private static final RequestMatcher OPENAI =
            PathPatternRequestMatcher.withDefaults().matcher("/v1/**");

    private final JsonMapper json;

    ApiAuthenticationEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        // Any other failure means no key was sent (and anonymous use is off, or the path needs an account).
        boolean wrongKey = failure instanceof BadCredentialsException;
        String message = wrongKey ? failure.getMessage() : MISSING_KEY;
        HttpStatus status = HttpStatus.UNAUTHORIZED;
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, wrongKey ? "Bearer error=\"invalid_token\"" : "Bearer");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        Object body = OPENAI.matches(request)
                ? new OpenAiError(new OpenAiError.Detail(message, wrongKey ? "invalid_api_key" : null))
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
