package dev.easel.server.gallery;

import dev.easel.server.content.NsfwLevel;

/**
 * One image of a post as stored (and cached): what the viewer may see of it is decided later, per viewer.
 *
 * @param nsfw the level the author set
 * @param flagged the safety checker flagged it, so it counts as at least R whatever the author set
 * @param hidden a moderator hid this image (others no longer see it)
 */
record StoredImage(
        String id,
        String postId,
        int position,
        String sha256,
        String mediaType,
        int width,
        int height,
        NsfwLevel nsfw,
        boolean flagged,
        boolean hidden,
        long likeCount,
        String jobId,
        GenerationParameters parameters) {

    /** The SQL-comparable rank of a level: PG 0, PG13 1, R 2, X 3 (posts.nsfw_rank). */
    static int rank(NsfwLevel level) {
        return switch (level) {
            case PG -> 0;
            case PG13 -> 1;
            case R -> 2;
            case X -> 3;
        };
    }

    /** The level viewers are shown: the author's, raised to R for images the safety checker flagged. */
    NsfwLevel effectiveNsfw() {
        return flagged && nsfw.atMost(NsfwLevel.PG13) ? NsfwLevel.R : nsfw;
    }
}
