package dev.easel.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds every request body: the general API limit, or the {@link UploadLimit} of the upload the request is. A body
 * declared too large is refused with 413 before anything reads it; any other is counted as it is read (see
 * {@link LimitedBody}), and only a few large ones are read at once (503 with Retry-After for the rest).
 *
 * <p>Whatever reads the body answers a refusal in its own API's shape; should it answer anything else (or nothing),
 * the refusal is answered here as an {@link ApiError}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final long maxBytes;
    private final List<UploadLimit> uploads;
    private final LargeBodies largeBodies;

    BodySizeLimit(ApiLimits limits, List<UploadLimit> uploads) {
        this.maxBytes = limits.maxBodyBytes();
        this.uploads = List.copyOf(uploads);
        this.largeBodies = new LargeBodies(limits.largeBodyBytes(), limits.maxLargeBodies(), limits.largeBodyWait());
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
            write(response, BodyRefusedException.declaredTooLarge(limit, length));
            return;
        }
        LimitedBody body = new LimitedBody(request, limit, largeBodies);
        try {
            if (largeBodies.isLarge(length) && !body.takeTurn()) {
                write(response, BodyRefusedException.busy(largeBodies.retryAfter()));
                return;
            }
            try {
                chain.doFilter(body, response);
            } catch (IOException | ServletException | RuntimeException e) {
                if (body.refusal() == null) {
                    throw e;
                }
            }
            BodyRefusedException refusal = body.refusal();
            if (refusal != null && response.getStatus() != refusal.status().value() && !response.isCommitted()) {
                response.reset();
                write(response, refusal);
            }
        } finally {
            body.release();
        }
    }

    private static void write(HttpServletResponse response, BodyRefusedException refusal) throws IOException {
        response.setStatus(refusal.status().value());
        if (refusal.retryAfter() != null) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfter().toSeconds()));
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter()
                .write(JSON.writeValueAsString(new ApiError(
                        refusal.status().value(),
                        refusal.status().getReasonPhrase(),
                        refusal.getMessage(),
                        refusal.field())));
    }
}
