package dev.easel.server.generation;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Stored images by their SHA-256, for those who may see them: the owner of a job that made the image, moderators and
 * admins, whoever may see it elsewhere ({@link ImageGrants}, e.g. in a visible post), and whoever holds a signed link
 * to it ({@link ImageLinks}). Knowing a hash is not enough.
 */
@Component
class ImageFiles {
    private final GeneratedImages jobs;
    private final BlobStore blobs;
    private final List<ImageGrants> grants;

    ImageFiles(GeneratedImages jobs, BlobStore blobs, List<ImageGrants> grants) {
        this.jobs = jobs;
        this.blobs = blobs;
        this.grants = grants;
    }

    /** An image on its way to a viewer. */
    @SuppressWarnings("ArrayRecordComponent")
    record ImageFile(byte[] png, ImageAccess access) {}

    /**
     * The image and how it may be cached; empty when it does not exist or {@code viewer} may not see it.
     *
     * @param linked whether the request came with a valid signed link to this image
     */
    Optional<ImageFile> find(String sha256, UserAccount viewer, boolean linked) {
        ImageAccess access = linked ? access(sha256, viewer).or(ImageAccess.PRIVATE) : access(sha256, viewer);
        return access == ImageAccess.NONE ? Optional.empty() : blobs.get(sha256).map(png -> new ImageFile(png, access));
    }

    private ImageAccess access(String sha256, UserAccount viewer) {
        ImageAccess access = ImageAccess.NONE;
        for (ImageGrants grant : grants) {
            access = access.or(grant.access(sha256, viewer));
            if (access == ImageAccess.PUBLIC) {
                return access;
            }
        }
        if (access == ImageAccess.NONE
                && viewer != null
                && (viewer.role().atLeast(Role.MODERATOR) || jobs.hasImage(viewer.id(), sha256))) {
            return ImageAccess.PRIVATE;
        }
        return access;
    }
}
