package dev.easel.server.gallery;

import dev.easel.server.api.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 413 for an uploaded image over the limit (before the catch-all handler of the API turns it into a 500). */
@RestControllerAdvice(assignableTypes = PostController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class GalleryExceptionHandler {
    @ExceptionHandler(ImageTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(ImageTooLargeException e) {
        HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
        return ResponseEntity.status(status)
                .body(new ApiError(status.value(), status.getReasonPhrase(), e.getMessage(), "files"));
    }
}
