package dev.easel.server.compat;

import dev.easel.server.api.FieldException;

/** A request field holds the wrong JSON type (FastAPI and OpenAI reject these before looking at values). */
final class WrongTypeException extends FieldException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String actual;

    WrongTypeException(String field, String expected, String actual) {
        super(field, field + ": expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** What the field must hold, e.g. "an integer". */
    String expected() {
        return expected;
    }

    /** What it held, e.g. "a string". */
    String actual() {
        return actual;
    }
}
