package dev.easel.server.generation;

import dev.easel.server.accounts.UserAccount;

/**
 * Who may see a stored image besides the owners of the jobs that made it and the staff: features that show stored
 * images elsewhere (the gallery's posts) implement this, so that generation need not know them.
 */
public interface ImageGrants {
    /** How {@code viewer} (null: a signed-out visitor) may see the image with this SHA-256 through this feature. */
    ImageAccess access(String sha256, UserAccount viewer);
}
