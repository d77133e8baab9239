package dev.easel.server.gallery;

import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.search.SearchDocument;
import dev.easel.server.search.SearchSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Public, unhidden posts for search: title, then caption and the prompts of the (unhidden) images. */
@Component
class PostSearchSource implements SearchSource {
    private final PostRepository posts;
    private final GalleryService gallery;

    PostSearchSource(PostRepository posts, GalleryService gallery) {
        this.posts = posts;
        this.gallery = gallery;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.POST;
    }

    @Override
    public List<SearchDocument> all() {
        List<PostRepository.PostRow> rows = posts.listed();
        Map<String, List<StoredImage>> images =
                posts.images(rows.stream().map(PostRepository.PostRow::id).toList());
        return rows.stream()
                .map(row -> document(
                        row.id(),
                        row.title(),
                        row.caption(),
                        row.likeCount(),
                        row.createdAt(),
                        images.getOrDefault(row.id(), List.of())))
                .toList();
    }

    @Override
    public Optional<SearchDocument> document(String id) {
        return gallery.stored(id)
                .filter(StoredPost::listed)
                .map(post -> document(
                        post.id(), post.title(), post.caption(), post.likeCount(), post.createdAt(), post.images()));
    }

    private static SearchDocument document(
            String id, String title, String caption, long likes, Instant createdAt, List<StoredImage> images) {
        List<StoredImage> shown =
                images.stream().filter(image -> !image.hidden()).toList();
        String prompts = shown.stream()
                .map(image -> image.parameters().prompt())
                .filter(Objects::nonNull)
                .distinct()
                .collect(Collectors.joining("\n"));
        NsfwLevel nsfw = shown.stream()
                .map(StoredImage::effectiveNsfw)
                .max(Enum::compareTo)
                .orElse(NsfwLevel.PG);
        String text = caption.isEmpty() ? prompts : caption + "\n" + prompts;
        return new SearchDocument(ContentKind.POST, id, title, text, List.of(), null, null, nsfw, likes, 0, createdAt);
    }
}
