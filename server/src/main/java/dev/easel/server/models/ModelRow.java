package dev.easel.server.models;

import java.time.Instant;
import java.util.List;

/** A row of {@code models} with its tags. */
record ModelRow(
        String id,
        long ownerId,
        String ownerName,
        String name,
        String slug,
        String description,
        ModelType type,
        BaseModel baseModel,
        boolean allowCommercialUse,
        boolean allowDerivatives,
        boolean hidden,
        Instant createdAt,
        Instant updatedAt,
        Long publishedMs,
        long likeCount,
        long downloadCount,
        long reviewCount,
        long ratingMilli,
        List<String> tags) {

    boolean listed() {
        return publishedMs != null && !hidden;
    }

    ModelRow withTags(List<String> newTags) {
        return new ModelRow(
                id,
                ownerId,
                ownerName,
                name,
                slug,
                description,
                type,
                baseModel,
                allowCommercialUse,
                allowDerivatives,
                hidden,
                createdAt,
                updatedAt,
                publishedMs,
                likeCount,
                downloadCount,
                reviewCount,
                ratingMilli,
                newTags);
    }

    ModelSummary summary() {
        return new ModelSummary(
                id,
                name,
                slug,
                ownerId,
                ownerName,
                type.label(),
                baseModel.label(),
                tags,
                allowCommercialUse,
                allowDerivatives,
                likeCount,
                downloadCount,
                reviewCount,
                ratingMilli / 1000.0,
                publishedMs == null ? null : Instant.ofEpochMilli(publishedMs));
    }
}
