package dev.easel.server.gallery;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.generation.ImageAccess;
import dev.easel.server.generation.ImageGrants;
import org.springframework.stereotype.Component;

/** A stored image may be seen by whoever may see it in one of the posts that show it. */
@Component
class PostImageGrants implements ImageGrants {
    private final PostRepository posts;
    private final GalleryService gallery;

    PostImageGrants(PostRepository posts, GalleryService gallery) {
        this.posts = posts;
        this.gallery = gallery;
    }

    @Override
    public ImageAccess access(String sha256, UserAccount viewer) {
        ImageAccess access = ImageAccess.NONE;
        for (String postId : posts.postsShowing(sha256)) {
            StoredPost post = gallery.stored(postId).orElse(null);
            if (post == null) {
                continue;
            }
            for (StoredImage image : post.images()) {
                if (image.sha256().equals(sha256)) {
                    access = access.or(PostViews.imageAccess(post, image, viewer));
                }
            }
            if (access == ImageAccess.PUBLIC) {
                break;
            }
        }
        return access;
    }
}
