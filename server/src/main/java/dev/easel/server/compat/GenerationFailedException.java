package dev.easel.server.compat;

/** A job ended FAILED: the server could not generate (500 in either API's shape). */
final class GenerationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GenerationFailedException(String jobId, String reason) {
        super("generation failed (job " + jobId + "): " + reason);
    }
}
