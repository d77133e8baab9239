package dev.easel.server.gallery;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.ViewerPreferences;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.gallery.PostView.ImageView;
import dev.easel.server.generation.ImageAccess;
import java.util.ArrayList;
import java.util.List;

/** Who may see a post, and what of it one viewer is shown given their NSFW preferences. */
final class PostViews {
    private PostViews() {}

    static boolean isOwner(StoredPost post, UserAccount viewer) {
        return viewer != null && viewer.id() == post.author().id();
    }

    static boolean isModerator(UserAccount viewer) {
        return viewer != null && viewer.role().atLeast(Role.MODERATOR);
    }

    /** By id: the owner always; others not private ones, and hidden ones only moderators. */
    static boolean visible(StoredPost post, UserAccount viewer) {
        if (isOwner(post, viewer)) {
            return true;
        }
        return post.visibility() != Visibility.PRIVATE && (!post.hidden() || isModerator(viewer));
    }

    /**
     * How {@code viewer} may see this image of the post: not at all, or as the post allows (hidden images only their
     * owner and moderators); publicly when a signed-out visitor could.
     */
    static ImageAccess imageAccess(StoredPost post, StoredImage image, UserAccount viewer) {
        if (!visible(post, viewer) || (image.hidden() && !isOwner(post, viewer) && !isModerator(viewer))) {
            return ImageAccess.NONE;
        }
        return visible(post, null) && !image.hidden() ? ImageAccess.PUBLIC : ImageAccess.PRIVATE;
    }

    /**
     * The post as {@code viewer} sees it. Owners see their own images as they are. For others, hidden images are left
     * out (except for moderators), and images above the viewer's level are blurred (no URL, no parameters) or left out.
     */
    static PostView view(StoredPost post, UserAccount viewer, ViewerPreferences preferences) {
        boolean owner = isOwner(post, viewer);
        boolean moderator = isModerator(viewer);
        List<ImageView> images = new ArrayList<>();
        NsfwLevel highest = NsfwLevel.PG;
        for (StoredImage image : post.images()) {
            if (image.hidden() && !owner && !moderator) {
                continue;
            }
            NsfwLevel level = image.effectiveNsfw();
            boolean above = !owner && !level.atMost(preferences.maxNsfw());
            if (above && !preferences.blurAbove()) {
                continue;
            }
            highest = level.compareTo(highest) > 0 ? level : highest;
            images.add(new ImageView(
                    image.id(),
                    image.position(),
                    level,
                    above,
                    above ? null : fileUrl(image.id()),
                    image.mediaType(),
                    image.width(),
                    image.height(),
                    image.likeCount(),
                    image.jobId(),
                    above ? null : image.parameters()));
        }
        return new PostView(
                post.id(),
                post.author(),
                post.title(),
                post.caption(),
                post.visibility(),
                post.hidden(),
                post.likeCount(),
                highest,
                post.createdAt(),
                post.updatedAt(),
                images);
    }

    static String fileUrl(String imageId) {
        return "/api/v1/images/" + imageId + "/file";
    }
}
