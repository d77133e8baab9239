package dev.easel.server.compat;

import dev.easel.server.api.BodyRefusedException;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.RequestBodies;
import dev.easel.server.api.RequestText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a compatibility API's JSON body ourselves rather than through Spring's converters: any content type is read as
 * JSON (curl's default form type included, as FastAPI does), and each API words its own errors. The body's size is
 * bounded as it is read (a {@link dev.easel.server.api.BodyRefusedException} ends the read), and it is parsed with
 * the application's JSON limits and text rules.
 */
@Component
class JsonBody {
    private final JsonMapper json;

    JsonBody(JsonMapper json) {
        this.json = json;
    }

    /** The body as a JSON object; throws {@link MalformedBodyException} or {@link FieldException}. */
    ObjectNode readObject(InputStream in) throws IOException {
        // Parsed from the stream, not buffered first: a body over a JSON limit (60 MB of tiny objects) is refused
        // after the limit's worth of bytes instead of being held whole in memory.
        PushbackInputStream body = new PushbackInputStream(in, 1);
        int first = body.read();
        if (first < 0) {
            throw new MalformedBodyException("request body is missing; send a JSON object");
        }
        body.unread(first);
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new FieldException(null, RequestBodies.jsonLimit(e).orElseThrow());
        } catch (JacksonException e) {
            // Reading past the body limit ends inside the parser: that is a 413, not malformed JSON.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof BodyRefusedException refused) {
                    throw refused;
                }
            }
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw new MalformedBodyException("request body is not valid JSON" + where);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedBodyException("request body must be a JSON object");
        }
        RequestText.check(node);
        return (ObjectNode) node;
    }

    /** The body is empty, not JSON, or not an object. */
    static final class MalformedBodyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedBodyException(String message) {
            super(message);
        }
    }
}
