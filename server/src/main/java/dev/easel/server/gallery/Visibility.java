package dev.easel.server.gallery;

import dev.easel.server.api.FieldException;
import java.util.Locale;

/** Who sees a post: everyone and every list, anyone with the link (never in lists), or only its owner. */
public enum Visibility {
    PUBLIC,
    UNLISTED,
    PRIVATE;

    /** @throws FieldException naming {@code field} for anything but the three names (any case) */
    static Visibility parse(String text, String field) {
        for (Visibility visibility : values()) {
            if (text != null && visibility.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
                return visibility;
            }
        }
        throw new FieldException(field, field + " must be PUBLIC, UNLISTED or PRIVATE, got " + text);
    }
}
