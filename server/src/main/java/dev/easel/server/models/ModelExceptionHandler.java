package dev.easel.server.models;

import dev.easel.server.api.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 401 for model writes by the shared anonymous account; everything else is the API's common handler. */
@RestControllerAdvice(assignableTypes = ModelController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ModelExceptionHandler {
    @ExceptionHandler(SignInRequiredException.class)
    ResponseEntity<ApiError> signIn(SignInRequiredException e) {
        HttpStatus status = HttpStatus.UNAUTHORIZED;
        return ResponseEntity.status(status)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(new ApiError(status.value(), status.getReasonPhrase(), e.getMessage(), null));
    }
}
