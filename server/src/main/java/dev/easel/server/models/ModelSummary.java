package dev.easel.server.models;

import java.time.Instant;
import java.util.List;

/**
 * A shared model as lists show it.
 *
 * @param type type label ({@code Checkpoint})
 * @param baseModel base model label ({@code SD 1.5}, ...)
 * @param rating mean review rating (0 when there are no reviews)
 * @param publishedAt when its first version was published; null while it is a draft
 */
public record ModelSummary(
        String id,
        String name,
        String slug,
        long ownerId,
        String ownerName,
        String type,
        String baseModel,
        List<String> tags,
        boolean allowCommercialUse,
        boolean allowDerivatives,
        long likeCount,
        long downloadCount,
        long reviewCount,
        double rating,
        Instant publishedAt) {
    public ModelSummary {
        tags = List.copyOf(tags);
    }
}
