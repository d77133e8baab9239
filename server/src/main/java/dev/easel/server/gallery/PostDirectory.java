package dev.easel.server.gallery;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.content.ContentDirectory;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Posts for social, moderation and search: visible to whom {@link PostViews#visible} says. */
@Component
class PostDirectory implements ContentDirectory {
    private final GalleryService gallery;

    PostDirectory(GalleryService gallery) {
        this.gallery = gallery;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.POST;
    }

    @Override
    public Optional<ContentSummary> find(String id, UserAccount viewer) {
        return gallery.stored(id)
                .filter(post -> PostViews.visible(post, viewer))
                .map(PostDirectory::summary);
    }

    @Override
    public Optional<ContentSummary> findAny(String id) {
        return gallery.stored(id).map(PostDirectory::summary);
    }

    @Override
    public void setHidden(String id, boolean hidden) {
        gallery.setHidden(id, hidden);
    }

    private static ContentSummary summary(StoredPost post) {
        return new ContentSummary(ContentKind.POST, post.id(), post.author().id(), post.title(), post.hidden());
    }
}
