package dev.easel.server.accounts;

import dev.easel.server.api.FieldException;
import dev.easel.server.api.RequestText;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reading a partial update field by field, where a record cannot tell a field left out from one set to null, so that
 * every mistake is a 400 naming its field. Bodies with fixed fields bind to records instead.
 */
final class JsonBodies {
    private JsonBodies() {}

    /**
     * @throws FieldException when the body is no object, has a field outside {@code allowed}, or holds text that is
     *     not acceptable ({@link RequestText})
     */
    static JsonNode object(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw new FieldException(null, "the request body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new FieldException(name, "unknown field '" + name + "': expected one of " + allowed);
            }
        }
        RequestText.check(body);
        return body;
    }

    /** The string value of a present field, or null for JSON null. */
    static String string(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new FieldException(field, field + " must be a string");
        }
        return value.stringValue();
    }
}
