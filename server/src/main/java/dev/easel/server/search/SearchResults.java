package dev.easel.server.search;

import dev.easel.server.content.NsfwLevel;
import java.util.List;
import java.util.Map;

/**
 * One page of results.
 *
 * @param items this page, best first (or in the asked order)
 * @param nextCursor pass as {@code cursor} for the next page; null on the last
 * @param counts how many items of each searchable kind match the text and filters (ignoring {@code kind}), keyed by
 *     plural, for tabs
 * @param sort the order used
 * @param nsfw the highest NSFW level included
 * @param complete false while the index is still being built at startup: results may be missing
 */
public record SearchResults(
        List<SearchHit> items,
        String nextCursor,
        Map<String, Long> counts,
        String sort,
        NsfwLevel nsfw,
        boolean complete) {}
