package dev.easel.server.compat;

import dev.easel.engine.InvalidRequestException;
import dev.easel.server.api.BodyRefusedException;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.TooManyRequestsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the OpenAI API in OpenAI's shape; client mistakes are 400 naming the parameter, as OpenAI answers. */
@RestControllerAdvice(assignableTypes = OpenAiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(OpenAiExceptionHandler.class);

    @ExceptionHandler(OpenAiException.class)
    ResponseEntity<OpenAiError> openAi(OpenAiException e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }

    @ExceptionHandler(WrongTypeException.class)
    ResponseEntity<OpenAiError> wrongType(WrongTypeException e) {
        return bad(
                "Invalid type for '" + e.field() + "': expected " + e.expected() + ", but got " + e.actual()
                        + " instead.",
                e.field(),
                "invalid_type");
    }

    @ExceptionHandler(FieldException.class)
    ResponseEntity<OpenAiError> field(FieldException e) {
        return bad(e.getMessage(), e.field(), "invalid_value");
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<OpenAiError> invalid(InvalidRequestException e) {
        return bad(e.getMessage(), null, "invalid_value");
    }

    @ExceptionHandler(JsonBody.MalformedBodyException.class)
    ResponseEntity<OpenAiError> malformed(JsonBody.MalformedBodyException e) {
        return bad(e.getMessage(), null, null);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<OpenAiError> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(OpenAiError.invalidRequest(e.getMessage(), null, null));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<OpenAiError> forbidden(ForbiddenException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(OpenAiError.invalidRequest(e.getMessage(), null, null));
    }

    /** Over the body limit (413), or no turn for a large body (503, when to retry in Retry-After). */
    @ExceptionHandler(BodyRefusedException.class)
    ResponseEntity<OpenAiError> refused(BodyRefusedException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        }
        boolean tooLarge = e.status() == HttpStatus.CONTENT_TOO_LARGE;
        return response.body(
                tooLarge
                        ? OpenAiError.invalidRequest(e.getMessage(), null, "request_too_large")
                        : new OpenAiError(new OpenAiError.Detail(e.getMessage(), "server_error", null, "server_busy")));
    }

    /** OpenAI's rate-limit errors have type "requests"; Retry-After tells when to come back. */
    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<OpenAiError> tooMany(TooManyRequestsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(new OpenAiError(new OpenAiError.Detail(e.getMessage(), "requests", null, "rate_limit_exceeded")));
    }

    @ExceptionHandler(GenerationFailedException.class)
    ResponseEntity<OpenAiError> failed(GenerationFailedException e) {
        return serverError(e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<OpenAiError> unexpected(Exception e) {
        log.error("unexpected error in the OpenAI API", e);
        return serverError("The server had an error while processing your request.");
    }

    private static ResponseEntity<OpenAiError> bad(String message, String param, String code) {
        return ResponseEntity.badRequest().body(OpenAiError.invalidRequest(message, param, code));
    }

    private static ResponseEntity<OpenAiError> serverError(String message) {
        return ResponseEntity.internalServerError()
                .body(new OpenAiError(new OpenAiError.Detail(message, "server_error", null, null)));
    }
}
