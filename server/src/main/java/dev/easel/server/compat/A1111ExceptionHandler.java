package dev.easel.server.compat;

import dev.easel.engine.InvalidRequestException;
import dev.easel.server.api.BodyRefusedException;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.TooManyRequestsException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the A1111 API in the shape of A1111's own exception handler: {@code error} (the kind), {@code detail} (what
 * went wrong, naming the field), {@code body} and {@code errors}. A body or field of the wrong JSON type gets 422, as
 * FastAPI's request validation gives; a value Easel cannot accept gets 400; unknown models and samplers 404, as A1111
 * answers "Sampler not found".
 */
@RestControllerAdvice(assignableTypes = {A1111Controller.class, A1111ServerController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class A1111ExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(A1111ExceptionHandler.class);
    private static final String VALIDATION = "RequestValidationError";
    private static final String HTTP = "HTTPException";

    /**
     * The JSON body of an error.
     *
     * @param body what A1111 echoes of the request; always empty here
     * @param errors the status and detail in one line, as A1111's {@code str(exception)}
     */
    record A1111Error(String error, String detail, String body, String errors) {}

    @ExceptionHandler({
        WrongTypeException.class,
        JsonBody.MalformedBodyException.class,
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class
    })
    ResponseEntity<A1111Error> validation(Exception e) {
        return error(HttpStatus.UNPROCESSABLE_CONTENT, VALIDATION, e.getMessage());
    }

    /** Errors from the shared generation path name native fields (negativePrompt); A1111 clients know them as negative_prompt. */
    @ExceptionHandler(FieldException.class)
    ResponseEntity<A1111Error> badField(FieldException e) {
        String field = e.field() == null
                ? null
                : e.field().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        String detail =
                field == null || e.getMessage().contains(field) ? e.getMessage() : field + ": " + e.getMessage();
        return error(HttpStatus.BAD_REQUEST, HTTP, detail);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<A1111Error> badValue(InvalidRequestException e) {
        return error(HttpStatus.BAD_REQUEST, HTTP, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<A1111Error> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, HTTP, e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<A1111Error> forbidden(ForbiddenException e) {
        return error(HttpStatus.FORBIDDEN, HTTP, e.getMessage());
    }

    /** Over the body limit (413), or no turn for a large body (503, when to retry in Retry-After). */
    @ExceptionHandler(BodyRefusedException.class)
    ResponseEntity<A1111Error> refused(BodyRefusedException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        }
        return response.body(body(e.status(), HTTP, e.getMessage()));
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<A1111Error> tooMany(TooManyRequestsException e) {
        HttpStatus status = HttpStatus.TOO_MANY_REQUESTS;
        return ResponseEntity.status(status)
                .header(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(body(status, HTTP, e.getMessage()));
    }

    @ExceptionHandler(GenerationFailedException.class)
    ResponseEntity<A1111Error> failed(GenerationFailedException e) {
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "RuntimeError", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<A1111Error> unexpected(Exception e) {
        log.error("unexpected error in the A1111 API", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "RuntimeError", "internal error");
    }

    private static ResponseEntity<A1111Error> error(HttpStatus status, String kind, String detail) {
        return ResponseEntity.status(status).body(body(status, kind, detail));
    }

    private static A1111Error body(HttpStatus status, String kind, String detail) {
        return new A1111Error(kind, detail, "", status.value() + ": " + detail);
    }
}
