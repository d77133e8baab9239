package dev.easel.server.search;

import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import java.time.Instant;
import java.util.List;

/**
 * What search indexes of one listed item. Only items everyone may see are documents: private, unlisted, draft or
 * hidden ones are not (their source answers empty for them).
 *
 * @param kind what it is
 * @param id its id
 * @param title the strongest field: model name, post title, username and display name
 * @param text the rest of the searchable text: description, caption, image prompts, bio, trained words
 * @param tags tags (exact-match filter and a search field)
 * @param modelType model type (checkpoint, LoRA, ...) for models, else null
 * @param baseModel base model (SD 1.5, SDXL, ...) for models and images made with one, else null
 * @param nsfw the item's NSFW level (PG for users)
 * @param likes like count
 * @param downloads download count (models; 0 otherwise)
 * @param createdAt when it was published
 */
public record SearchDocument(
        ContentKind kind,
        String id,
        String title,
        String text,
        List<String> tags,
        String modelType,
        String baseModel,
        NsfwLevel nsfw,
        long likes,
        long downloads,
        Instant createdAt) {
    public SearchDocument {
        tags = List.copyOf(tags);
    }
}
