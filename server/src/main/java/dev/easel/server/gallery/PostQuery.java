package dev.easel.server.gallery;

import java.util.List;

/**
 * Which posts a list page holds.
 *
 * @param order newest first, or most liked first
 * @param ownerId only this author's posts, or null
 * @param authorIds only these authors' posts (the feed), or null
 * @param model only posts with an image made with this model, or null
 * @param includeUnlisted also private, unlisted and hidden posts (the owner's own profile list)
 * @param maxNsfwRank leave out posts with an image above this level (viewers who hide rather than blur), or null
 */
record PostQuery(
        Order order,
        Long ownerId,
        List<Long> authorIds,
        String model,
        boolean includeUnlisted,
        Integer maxNsfwRank,
        PostCursor after,
        int limit) {
    enum Order {
        NEWEST,
        MOST_LIKED
    }

    /** The cache key: every field that changes the result. */
    String key() {
        return order + "|" + ownerId + "|" + authorIds + "|" + model + "|" + includeUnlisted + "|" + maxNsfwRank + "|"
                + (after == null ? "" : PostCursor.encode(after.likes(), after.createdAt(), after.id())) + "|" + limit;
    }
}
