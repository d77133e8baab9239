package dev.easel.server.api;

import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * What text a request may carry: no C0 control characters but tab, CR and LF (PostgreSQL cannot store NUL, and the
 * rest have no business in prompts, names or comments), and no unpaired UTF-16 surrogates (not text at all: they
 * cannot be encoded as UTF-8). Applied to every JSON string value ({@link #module}), to JSON trees read by hand
 * ({@link #check(JsonNode)}) and to query, form and multipart parameters ({@link ParameterText}).
 */
public final class RequestText {
    private RequestText() {}

    /** What is wrong with {@code value} as request text, or null if nothing is. */
    public static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return "contains the control character U+%04X at index %d; only tab, CR and LF are allowed"
                        .formatted((int) c, i);
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate U+%04X at index %d".formatted((int) c, i);
            }
        }
        return null;
    }

    /** @throws FieldException naming {@code field} when {@code value} is not acceptable text */
    public static void check(String field, String value) {
        String problem = value == null ? null : problem(value);
        if (problem != null) {
            throw new FieldException(field, field + " " + problem);
        }
    }

    /** Checks every string and property name in a JSON tree; the field named is the path, e.g. "styles[2]". */
    public static void check(JsonNode tree) {
        check(tree, "");
    }

    private static void check(JsonNode node, String path) {
        if (node.isString()) {
            check(path.isEmpty() ? "body" : path, node.stringValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String name = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                check(name, property.getKey());
                check(property.getValue(), name);
            }
        }
    }

    /** Makes every JSON string value bound to a {@code String} go through {@link #problem}. */
    static JacksonModule module() {
        return new SimpleModule("RequestText").addDeserializer(String.class, new CheckedString());
    }

    private static final class CheckedString extends StdScalarDeserializer<String> {
        CheckedString() {
            super(String.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return "";
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            String problem = value == null ? null : problem(value);
            if (problem != null) {
                throw new UnacceptableTextException(parser, problem);
            }
            return value;
        }
    }

    /** A JSON string value that is not acceptable text; Jackson adds the path of the field it was for. */
    static final class UnacceptableTextException extends MismatchedInputException {
        private static final long serialVersionUID = 1L;

        UnacceptableTextException(JsonParser parser, String problem) {
            super(parser, problem, String.class);
        }
    }
}
