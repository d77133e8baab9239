package dev.easel.server.api;

import dev.easel.engine.InvalidRequestException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/** Maps exceptions to {@link ApiError} responses: client mistakes are 4xx naming the problem, never a 500. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(FieldException.class)
    ResponseEntity<ApiError> field(FieldException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), e.field());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ApiError> invalid(InvalidRequestException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), null);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> notValid(MethodArgumentNotValidException e) {
        var fieldError = e.getBindingResult().getFieldError();
        if (fieldError == null) {
            return error(HttpStatus.BAD_REQUEST, "invalid request", null);
        }
        return error(
                HttpStatus.BAD_REQUEST,
                fieldError.getField() + ": " + fieldError.getDefaultMessage(),
                fieldError.getField());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return RequestBodies.refusal(e)
                .map(ApiExceptionHandler::refused)
                .orElseGet(() -> error(HttpStatus.BAD_REQUEST, RequestBodies.describe(e), RequestBodies.field(e)));
    }

    @ExceptionHandler(BodyRefusedException.class)
    static ResponseEntity<ApiError> refused(BodyRefusedException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        }
        return response.body(body(e.status(), e.getMessage(), e.field()));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiError> missingPart(MissingServletRequestPartException e) {
        String part = e.getRequestPartName();
        return error(HttpStatus.BAD_REQUEST, part + " is required: send it as a multipart part", part);
    }

    /** A multipart body that cannot be parsed: no boundary, a broken one, or cut short. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> badMultipart(MultipartException e) {
        Optional<BodyRefusedException> refusal = RequestBodies.refusal(e);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = cause == e || cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return error(HttpStatus.BAD_REQUEST, "malformed multipart body" + reason, null);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiError> badParameter(Exception e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), null);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, "no such resource: /" + e.getResourcePath(), null);
    }

    @ExceptionHandler(SignInRequiredException.class)
    ResponseEntity<ApiError> signInRequired(SignInRequiredException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(body(HttpStatus.UNAUTHORIZED, e.getMessage(), null));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage(), null);
    }

    @ExceptionHandler(ContentTooLargeException.class)
    ResponseEntity<ApiError> partTooLarge(ContentTooLargeException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), e.field());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ApiError> forbidden(ForbiddenException e) {
        return error(HttpStatus.FORBIDDEN, e.getMessage(), null);
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ApiError> tooMany(TooManyRequestsException e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(body(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), null));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        long max = e.getMaxUploadSize();
        return error(
                HttpStatus.CONTENT_TOO_LARGE,
                "request body too large" + (max > 0 ? ": the multipart limit is " + max + " bytes" : ""),
                null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage(), null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // The client went away mid-answer (a closed tab, a canceled download): nothing to answer, nothing wrong.
            log.debug("client disconnected: {}", e.getMessage());
            return null;
        }
        log.error("unexpected error", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", null);
    }

    static ResponseEntity<ApiError> error(HttpStatus status, String message, String field) {
        return ResponseEntity.status(status).body(body(status, message, field));
    }

    private static ApiError body(HttpStatus status, String message, String field) {
        return new ApiError(status.value(), status.getReasonPhrase(), message, field);
    }
}
