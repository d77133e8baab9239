package dev.easel.server.search;

import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;

/**
 * One search.
 *
 * @param text what the user typed; blank lists everything (matching the filters) in {@code sort} order
 * @param kind only this kind, or null for all searchable kinds
 * @param modelType only models of this type (checkpoint, LoRA, ...), or null
 * @param baseModel only items made for/with this base model, or null
 * @param maxNsfw the highest NSFW level asked for, or null for the viewer's preference
 * @param tag only items with this tag, or null
 * @param sort result order; relevance on a blank text lists newest first
 * @param limit page size
 * @param cursor where the previous page ended, or null for the first page
 */
public record SearchQuery(
        String text,
        ContentKind kind,
        String modelType,
        String baseModel,
        NsfwLevel maxNsfw,
        String tag,
        SearchSort sort,
        int limit,
        String cursor) {
    public static final int MAX_TEXT = 200;
    public static final int MAX_LIMIT = 100;

    public SearchQuery {
        text = text == null ? "" : text.strip();
    }

    /** The order actually used: scores mean nothing without text. */
    SearchSort effectiveSort() {
        return sort == SearchSort.RELEVANCE && text.isEmpty() ? SearchSort.NEWEST : sort;
    }
}
