package dev.easel.server.accounts;

import dev.easel.server.api.FieldException;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reading small JSON objects field by field, so that every mistake is a 400 naming its field. */
final class JsonBodies {
    private JsonBodies() {}

    /** @throws FieldException when the body is no object or has a field outside {@code allowed} */
    static JsonNode object(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw new FieldException(null, "the request body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new FieldException(name, "unknown field '" + name + "': expected one of " + allowed);
            }
        }
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

    static String requiredString(JsonNode body, String field) {
        String value = string(body, field);
        if (value == null) {
            throw new FieldException(field, field + " is required");
        }
        return value;
    }

    static boolean requiredBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isBoolean()) {
            throw new FieldException(field, field + " is required and must be true or false");
        }
        return value.booleanValue();
    }
}
