package dev.easel.server.compat;

import tools.jackson.databind.JsonNode;

/**
 * One member of A1111's txt2img/img2img request, with its JSON type and A1111's default.
 *
 * @param unsupported the A1111 feature that the field turns on and Easel does not have (a request that turns it on is
 *     refused rather than silently answered without it), or null when the field is honoured or has no effect here
 */
record A1111Field(String name, Kind kind, Object defaultValue, String unsupported) {

    static A1111Field of(String name, Kind kind, Object defaultValue) {
        return new A1111Field(name, kind, defaultValue, null);
    }

    static A1111Field unsupported(String name, Kind kind, Object defaultValue, String feature) {
        return new A1111Field(name, kind, defaultValue, feature);
    }

    /** The JSON types A1111's pydantic models declare. */
    enum Kind {
        STRING,
        INTEGER,
        LONG,
        NUMBER,
        BOOLEAN,
        OBJECT,
        STRINGS,
        ARRAY;

        /** The member's value as a Java value (or the JSON tree for containers), type-checked; null when not given. */
        Object read(JsonFields fields, String name) {
            return switch (this) {
                case STRING -> fields.string(name);
                case INTEGER -> fields.integer(name);
                case LONG -> fields.longInteger(name);
                case NUMBER -> fields.number(name);
                case BOOLEAN -> fields.bool(name);
                case OBJECT -> fields.object(name) == null ? null : fields.raw(name);
                case STRINGS -> fields.strings(name);
                case ARRAY -> fields.array(name);
            };
        }
    }

    /**
     * Whether a given value leaves an unsupported feature off: false, zero or below (A1111 reads -1 and 0 as "off" for
     * seed resizing), an empty string or container, or the "None" that A1111's UI sends for no refiner.
     */
    static boolean leavesOff(JsonNode value) {
        if (value == null || value.isNull()) {
            return true;
        }
        if (value.isBoolean()) {
            return !value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() <= 0;
        }
        if (value.isString()) {
            return value.stringValue().isBlank() || value.stringValue().equals("None");
        }
        return value.isContainer() && value.isEmpty();
    }
}
