package dev.easel.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over the limit with 413 before anything reads them: the general API limit, or the
 * {@link UploadLimit} of the upload the request is.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final long maxBytes;
    private final List<UploadLimit> uploads;

    BodySizeLimit(@Value("${easel.api.max-body-bytes:67108864}") long maxBytes, List<UploadLimit> uploads) {
        this.maxBytes = maxBytes;
        this.uploads = List.copyOf(uploads);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UploadLimit limit = uploads.stream()
                .filter(upload -> upload.method().equals(request.getMethod())
                        && upload.path().matcher(request.getRequestURI()).matches())
                .findFirst()
                .orElse(new UploadLimit(request.getMethod(), null, maxBytes, "request body", null));
        long length = request.getContentLengthLong();
        if (length > limit.maxBytes()) {
            HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            String message = limit.what() + " too large: " + length + " bytes, the limit is " + limit.maxBytes();
            response.getWriter()
                    .write(JSON.writeValueAsString(
                            new ApiError(status.value(), status.getReasonPhrase(), message, limit.field())));
            return;
        }
        chain.doFilter(request, response);
    }
}
