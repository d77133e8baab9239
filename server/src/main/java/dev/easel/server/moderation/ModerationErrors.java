package dev.easel.server.moderation;

import dev.easel.server.api.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The status moderation adds to the shared error mapping: 409, with the same {@link ApiError} body. */
@RestControllerAdvice(basePackageClasses = ModerationErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ModerationErrors {

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .body(new ApiError(status.value(), status.getReasonPhrase(), message, null));
    }
}
