package dev.easel.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/** Refuses request bodies over the limit with 413 before anything reads them (init images are the big ones). */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final long maxBytes;

    BodySizeLimit(@Value("${easel.api.max-body-bytes:67108864}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            String message =
                    "request body too large: " + request.getContentLengthLong() + " bytes, the limit is " + maxBytes;
            response.getWriter()
                    .write(JSON.writeValueAsString(
                            new ApiError(status.value(), status.getReasonPhrase(), message, null)));
            return;
        }
        chain.doFilter(request, response);
    }
}
