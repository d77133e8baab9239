package dev.easel.server.search;

import dev.easel.server.content.NsfwLevel;
import java.time.Instant;
import java.util.List;

/**
 * One result.
 *
 * @param kind the kind's plural as in URLs ({@code models}, {@code posts}, {@code users})
 * @param snippet a short passage of the text around the first match (the start of the text when only the title
 *     matched)
 * @param score the BM25 relevance score (1 for every item when no text was given)
 */
public record SearchHit(
        String kind,
        String id,
        String title,
        String snippet,
        float score,
        List<String> tags,
        String modelType,
        String baseModel,
        NsfwLevel nsfw,
        long likes,
        long downloads,
        Instant createdAt) {}
