package dev.easel.server.models;

import dev.easel.server.api.FieldException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * One page of the public model list.
 *
 * @param type only this type, or null
 * @param baseModel only this base model, or null
 * @param tag only models with this tag, or null
 * @param owner only models of the user with this username, or null
 * @param after keyset position (sort value and id of the previous page's last item), or null for the first page
 */
record ModelQuery(
        ModelSort sort, ModelType type, BaseModel baseModel, String tag, String owner, Position after, int limit) {
    static final int MAX_LIMIT = 100;

    /** Where the previous page ended. */
    record Position(long value, String id) {
        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((value + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                return new Position(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new FieldException("cursor", "cursor is not one this server handed out");
            }
        }
    }

    /** Parses request parameters, each bad one a 400 naming it. */
    static ModelQuery parse(ModelListParameters p) {
        int size = p.limit() == null ? 24 : p.limit();
        if (size < 1 || size > MAX_LIMIT) {
            throw new FieldException("limit", "limit must be 1-" + MAX_LIMIT);
        }
        return new ModelQuery(
                ModelSort.parse(p.sort()),
                blank(p.type()) ? null : ModelType.parse(p.type(), "type"),
                blank(p.baseModel()) ? null : BaseModel.parse(p.baseModel(), "baseModel"),
                blank(p.tag()) ? null : p.tag().strip().toLowerCase(Locale.ROOT),
                blank(p.owner()) ? null : p.owner().strip().toLowerCase(Locale.ROOT),
                blank(p.cursor()) ? null : Position.decode(p.cursor()),
                size);
    }

    /** The cache key of this page. */
    String key() {
        return sort + "|" + type + "|" + baseModel + "|" + tag + "|" + owner + "|"
                + (after == null ? "" : after.encode()) + "|" + limit;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
