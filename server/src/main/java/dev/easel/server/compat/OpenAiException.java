package dev.easel.server.compat;

import org.springframework.http.HttpStatus;

/** A request the OpenAI API refuses, with OpenAI's status, parameter and error code. */
final class OpenAiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final HttpStatus status;
    private final String param;
    private final String code;

    OpenAiException(HttpStatus status, String message, String param, String code) {
        super(message);
        this.status = status;
        this.param = param;
        this.code = code;
    }

    static OpenAiException badValue(String param, String message) {
        return new OpenAiException(HttpStatus.BAD_REQUEST, message, param, "invalid_value");
    }

    HttpStatus status() {
        return status;
    }

    OpenAiError body() {
        return OpenAiError.invalidRequest(getMessage(), param, code);
    }
}
