package dev.easel.server.compat;

import dev.easel.server.api.FieldException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed access to the members of a JSON object, failing with the member's name: {@link WrongTypeException} for a wrong
 * JSON type, {@link FieldException} for a number out of range. An absent member and an explicit null both read as
 * "not given" (null), so that the caller's default applies.
 */
final class JsonFields {
    private final ObjectNode node;
    private final String prefix;

    JsonFields(ObjectNode node) {
        this(node, "");
    }

    private JsonFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Whether the member is present and not null. */
    boolean has(String name) {
        return value(name) != null;
    }

    /** The member as given, or null. */
    JsonNode raw(String name) {
        return value(name);
    }

    String string(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            throw wrongType(name, "a string", v);
        }
        return v.stringValue();
    }

    Integer integer(String name) {
        JsonNode v = wholeNumber(name);
        if (v == null) {
            return null;
        }
        if (!v.canConvertToInt()) {
            throw outOfRange(name, v);
        }
        return v.intValue();
    }

    Long longInteger(String name) {
        JsonNode v = wholeNumber(name);
        if (v == null) {
            return null;
        }
        if (!v.canConvertToLong()) {
            throw outOfRange(name, v);
        }
        return v.longValue();
    }

    Double number(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(name, "a number", v);
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw outOfRange(name, v);
        }
        return d;
    }

    Boolean bool(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(name, "a boolean", v);
        }
        return v.booleanValue();
    }

    /** A nested object, whose members' errors are named {@code name.member}; null when not given. */
    JsonFields object(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(name, "an object", v);
        }
        return new JsonFields((ObjectNode) v, prefix + name + ".");
    }

    /** An array of strings; null when not given. */
    List<String> strings(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array of strings", v);
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isString()) {
                throw wrongType(name + "[" + i + "]", "a string", item);
            }
            items.add(item.stringValue());
        }
        return items;
    }

    /** An array of anything; null when not given. */
    JsonNode array(String name) {
        JsonNode v = value(name);
        if (v != null && !v.isArray()) {
            throw wrongType(name, "an array", v);
        }
        return v;
    }

    /** The field's full name as errors show it, e.g. {@code override_settings.sd_model_checkpoint}. */
    String path(String name) {
        return prefix + name;
    }

    private JsonNode wholeNumber(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(name, "an integer", v);
        }
        if (!v.isIntegralNumber() && !v.canConvertToExactIntegral()) {
            throw new WrongTypeException(path(name), "an integer", "a fractional number");
        }
        return v;
    }

    private JsonNode value(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private WrongTypeException wrongType(String name, String expected, JsonNode actual) {
        return new WrongTypeException(path(name), expected, describe(actual));
    }

    private FieldException outOfRange(String name, JsonNode v) {
        return new FieldException(path(name), path(name) + ": " + v + " is out of range");
    }

    static String describe(JsonNode v) {
        if (v.isString()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "null";
    }
}
