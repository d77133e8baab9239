package dev.easel.server.accounts;

import dev.easel.server.api.NotFoundException;
import dev.easel.server.content.ContentDirectory;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Users as content, for social, moderation and search: the id is the numeric user id, the title the username, and
 * hidden means suspended (so hiding a user suspends them).
 */
@Component
class UserContentDirectory implements ContentDirectory {
    private final ProfileRepository profiles;
    private final UserService users;

    UserContentDirectory(ProfileRepository profiles, UserService users) {
        this.profiles = profiles;
        this.users = users;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.USER;
    }

    /** A suspended user is visible to themselves and to moderators only. */
    @Override
    public Optional<ContentSummary> find(String id, UserAccount viewer) {
        return findAny(id)
                .filter(user -> !user.hidden()
                        || (viewer != null
                                && (viewer.id() == user.ownerId()
                                        || viewer.role().atLeast(Role.MODERATOR))));
    }

    @Override
    public Optional<ContentSummary> findAny(String id) {
        return ProfileService.parseId(id)
                .flatMap(profiles::findById)
                .map(row -> new ContentSummary(
                        ContentKind.USER, Long.toString(row.id()), row.id(), row.username(), row.suspended()));
    }

    /** @throws NotFoundException when there is no such user */
    @Override
    public void setHidden(String id, boolean hidden) {
        long userId = ProfileService.parseId(id).orElseThrow(() -> new NotFoundException("no such user: " + id));
        users.setSuspended(userId, hidden);
    }
}
