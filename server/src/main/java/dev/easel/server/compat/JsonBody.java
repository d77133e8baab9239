package dev.easel.server.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a compatibility API's JSON body ourselves rather than through Spring's converters: the size is bounded before
 * anything is parsed, any content type is read as JSON (curl's default form type included, as FastAPI does), and each
 * API words its own errors.
 */
final class JsonBody {
    /** Room for a few base64 init images of a few megapixels; the same bound as multipart uploads. */
    static final int MAX_BYTES = 64 << 20;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonBody() {}

    /** The body as a JSON object; throws {@link MalformedBodyException} or {@link BodyTooLargeException}. */
    static ObjectNode readObject(InputStream in, long declaredLength) {
        if (declaredLength > MAX_BYTES) {
            throw new BodyTooLargeException(MAX_BYTES);
        }
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new BodyTooLargeException(MAX_BYTES);
        }
        if (bytes.length == 0) {
            throw new MalformedBodyException("request body is missing; send a JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JacksonException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw new MalformedBodyException("request body is not valid JSON" + where);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedBodyException("request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The body is empty, not JSON, or not an object. */
    static final class MalformedBodyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedBodyException(String message) {
            super(message);
        }
    }

    /** The body exceeds {@link #MAX_BYTES}. */
    static final class BodyTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(int limit) {
            super("request body too large; the limit is " + (limit >> 20) + " MiB");
        }
    }
}
