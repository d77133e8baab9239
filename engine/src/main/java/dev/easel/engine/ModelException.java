package dev.easel.engine;

/** A model folder that cannot be used; the message names the file and what is wrong with it. */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
