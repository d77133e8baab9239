package dev.easel.server.generation;

import dev.easel.server.api.FieldException;
import java.util.Base64;

/** Decodes base64 image fields, with or without a {@code data:image/...;base64,} prefix (A1111 accepts both). */
public final class Base64Images {
    private Base64Images() {}

    public static byte[] decode(String field, String value) {
        String data = value.strip();
        int comma = data.indexOf(',');
        if (data.startsWith("data:") && comma > 0) {
            data = data.substring(comma + 1);
        }
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new FieldException(field, field + ": not valid base64");
        }
    }
}
