package dev.easel.server.social;

import dev.easel.server.api.FieldException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a social list page ended: the creation time and id of its last row. Opaque to clients: base64url of
 * {@code micros:id}.
 */
record SocialCursor(Instant at, String id) {
    String encode() {
        String text = ChronoUnit.MICROS.between(Instant.EPOCH, at) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return null for a null or blank cursor (the first page) */
    static SocialCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw new IllegalArgumentException("two parts expected");
            }
            return new SocialCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), parts[1]);
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw new FieldException("cursor", "cursor is not one this server handed out");
        }
    }

    /** The cursor's id as a number (follows and notifications are keyed by numbers). */
    long numericId() {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new FieldException("cursor", "cursor is not one this server handed out");
        }
    }

    static int limit(Integer limit) {
        int value = limit == null ? 20 : limit;
        if (value < 1 || value > 100) {
            throw new FieldException("limit", "limit must be between 1 and 100, got " + value);
        }
        return value;
    }
}
