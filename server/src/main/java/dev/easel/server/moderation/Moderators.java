package dev.easel.server.moderation;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** Checks shared by the moderation services: who is a moderator, page sizes, opaque cursors. */
final class Moderators {
    static final int MAX_LIMIT = 100;
    static final int MAX_TEXT = 2000;

    private Moderators() {}

    /** @throws ForbiddenException unless {@code user} is a moderator or admin */
    static void require(UserAccount user) {
        if (user == null || !user.role().atLeast(Role.MODERATOR)) {
            throw new ForbiddenException("only moderators may do this");
        }
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new FieldException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** Text of at most {@link #MAX_TEXT} characters, stored as given; {@code required} means not blank. */
    static String text(String field, String value, boolean required) {
        if (required && (value == null || value.isBlank())) {
            throw new FieldException(field, field + " is required");
        }
        if (value != null && value.length() > MAX_TEXT) {
            throw new FieldException(field, field + " must be at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    static String cursor(String... parts) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws FieldException naming {@code cursor} when it is not one of ours with {@code count} parts */
    static String[] parts(String cursor, int count) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length == count) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw badCursor();
    }

    /** An instant in a cursor: microseconds since the epoch, the precision both databases keep. */
    static String micros(Instant at) {
        return Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at));
    }

    /** @throws NumberFormatException when {@code text} is not a number */
    static Instant fromMicros(String text) {
        return Instant.EPOCH.plus(Long.parseLong(text), ChronoUnit.MICROS);
    }

    static FieldException badCursor() {
        return new FieldException("cursor", "cursor is not valid here (use the nextCursor of the previous page)");
    }

    static Long idCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw badCursor();
        }
    }

    /** A page of at most {@code limit} from {@code rows} (fetched one longer to know whether more follow). */
    static <T> Page<T> page(List<T> rows, int limit, Function<T, String> cursorOf) {
        List<T> page = rows.subList(0, Math.min(limit, rows.size()));
        return new Page<>(page, rows.size() > limit ? cursorOf.apply(page.get(page.size() - 1)) : null);
    }
}
