package dev.easel.server.gallery;

import dev.easel.server.content.NsfwLevel;
import java.time.Instant;
import java.util.List;

/**
 * A post as one viewer sees it (the JSON of the post and list endpoints).
 *
 * @param nsfw the highest effective level among the images shown
 * @param images the images the viewer may see, blurred or not; images above the viewer's level are left out when the
 *     viewer chose to hide rather than blur them
 */
public record PostView(
        String id,
        Author author,
        String title,
        String caption,
        Visibility visibility,
        boolean hidden,
        long likeCount,
        NsfwLevel nsfw,
        Instant createdAt,
        Instant updatedAt,
        List<ImageView> images) {
    public PostView {
        images = List.copyOf(images);
    }

    /**
     * One image as the viewer sees it.
     *
     * @param nsfw the effective level (at least R when the safety checker flagged it)
     * @param blurred above the viewer's level: {@code url} and {@code parameters} are null, the client shows a
     *     placeholder of {@code width} x {@code height}
     * @param url where the image file is served; null when blurred
     */
    public record ImageView(
            String id,
            int position,
            NsfwLevel nsfw,
            boolean blurred,
            String url,
            String mediaType,
            int width,
            int height,
            long likeCount,
            String jobId,
            GenerationParameters parameters) {}
}
