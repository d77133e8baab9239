package dev.easel.server.gallery;

import java.time.Instant;
import java.util.List;

/** A post with its author and images as stored; a JSON-serializable record, so it can sit in any read cache. */
record StoredPost(
        String id,
        Author author,
        String title,
        String caption,
        Visibility visibility,
        boolean hidden,
        long likeCount,
        Instant createdAt,
        Instant updatedAt,
        List<StoredImage> images) {
    StoredPost {
        images = List.copyOf(images);
    }

    boolean listed() {
        return visibility == Visibility.PUBLIC && !hidden;
    }
}
