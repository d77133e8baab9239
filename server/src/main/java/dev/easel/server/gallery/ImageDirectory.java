package dev.easel.server.gallery;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.content.ContentDirectory;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Post images for social, moderation and search. An image is visible when its post is and it is not hidden (its owner
 * and moderators still see it); its title is its post's.
 */
@Component
class ImageDirectory implements ContentDirectory {
    private final GalleryService gallery;

    ImageDirectory(GalleryService gallery) {
        this.gallery = gallery;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.IMAGE;
    }

    @Override
    public Optional<ContentSummary> find(String id, UserAccount viewer) {
        return gallery.postOfImage(id)
                .filter(post -> PostViews.visible(post, viewer))
                .flatMap(post -> summary(post, id))
                .filter(image ->
                        !image.hidden() || image.ownerId() == viewerId(viewer) || PostViews.isModerator(viewer));
    }

    @Override
    public Optional<ContentSummary> findAny(String id) {
        return gallery.postOfImage(id).flatMap(post -> summary(post, id));
    }

    @Override
    public void setHidden(String id, boolean hidden) {
        gallery.setImageHidden(id, hidden);
    }

    private static long viewerId(UserAccount viewer) {
        return viewer == null ? -1 : viewer.id();
    }

    /** Hidden when the image itself or its whole post is hidden. */
    private static Optional<ContentSummary> summary(StoredPost post, String imageId) {
        return post.images().stream()
                .filter(image -> image.id().equals(imageId))
                .findFirst()
                .map(image -> new ContentSummary(
                        ContentKind.IMAGE, imageId, post.author().id(), post.title(), image.hidden() || post.hidden()));
    }
}
