package dev.easel.server.models;

import dev.easel.server.api.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/** Refuses model uploads over {@code easel.models.max-upload-bytes} with 413 before anything reads the body. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ModelUploadLimit extends OncePerRequestFilter {
    private static final Pattern UPLOAD_PATHS = Pattern.compile("/api/v1/models(/[^/]+/versions)?/?");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ModelProperties limits;

    ModelUploadLimit(ModelProperties limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !UPLOAD_PATHS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > limits.maxUploadBytes()) {
            HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            String message = "model upload too large: " + length + " bytes, the limit is " + limits.maxUploadBytes();
            response.getWriter()
                    .write(JSON.writeValueAsString(
                            new ApiError(status.value(), status.getReasonPhrase(), message, "file")));
            return;
        }
        chain.doFilter(request, response);
    }
}
