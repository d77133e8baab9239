package dev.easel.server.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.content.NsfwLevel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the gallery puts in the read cache reads back equal from JSON, as the Redis cache stores it. */
class CacheValuesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void postsAndPagesSurviveJson() {
        GenerationParameters parameters =
                new GenerationParameters("cat", "", 3L, 20, 7.5, "Euler a", "tiny", "cat\nSteps: 20");
        StoredImage image = new StoredImage(
                "img", "post", 0, "ab".repeat(32), "image/png", 32, 32, NsfwLevel.R, true, false, 4, "job", parameters);
        Instant at = Instant.parse("2026-03-01T12:00:00.123456Z");
        StoredPost post = new StoredPost(
                "post", new Author(1, "ann", "Ann"), "t", "c", Visibility.UNLISTED, false, 9, at, at, List.of(image));
        StoredPostPage page = new StoredPostPage(List.of(post), "cursor");

        assertThat(JSON.readValue(JSON.writeValueAsString(page), StoredPostPage.class))
                .isEqualTo(page);
        GalleryService.CachedPost cached = new GalleryService.CachedPost(post);
        assertThat(JSON.readValue(JSON.writeValueAsString(cached), GalleryService.CachedPost.class))
                .isEqualTo(cached);
        GalleryService.CachedPost missing = new GalleryService.CachedPost(null);
        assertThat(JSON.readValue(JSON.writeValueAsString(missing), GalleryService.CachedPost.class))
                .isEqualTo(missing);
    }
}
