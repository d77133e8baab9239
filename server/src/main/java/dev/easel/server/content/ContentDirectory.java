package dev.easel.server.content;

import dev.easel.server.accounts.UserAccount;
import java.util.Optional;

/**
 * Implemented by the feature that owns one {@link ContentKind}, so that social, moderation and search can act on any
 * kind of content without reading another feature's tables.
 */
public interface ContentDirectory {
    ContentKind kind();

    /**
     * The item as {@code viewer} may see it: empty when it does not exist or the viewer may not see it (private and not
     * theirs, hidden and the viewer is neither owner nor moderator). {@code viewer} null means a signed-out visitor.
     */
    Optional<ContentSummary> find(String id, UserAccount viewer);

    /** The item whatever its visibility (for moderators); empty when it does not exist. */
    Optional<ContentSummary> findAny(String id);

    /** Hides or unhides the item (moderation); hidden items are left out of lists, feeds and search for everyone else. */
    void setHidden(String id, boolean hidden);
}
