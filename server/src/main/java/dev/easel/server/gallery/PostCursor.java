package dev.easel.server.gallery;

import dev.easel.server.api.FieldException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a list page ended: the sort key of its last post (like count for the most-liked order, then creation time and
 * id). Opaque to clients: base64url of {@code likes:micros:id}.
 */
record PostCursor(long likes, Instant createdAt, String id) {
    static String encode(long likes, Instant createdAt, String id) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        String text = likes + ":" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return null for a null or blank cursor (the first page) */
    static PostCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
            if (parts.length != 3 || parts[2].isEmpty()) {
                throw new IllegalArgumentException("three parts expected");
            }
            Instant createdAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new PostCursor(Long.parseLong(parts[0]), createdAt, parts[2]);
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw new FieldException("cursor", "cursor is not one this server handed out");
        }
    }
}
