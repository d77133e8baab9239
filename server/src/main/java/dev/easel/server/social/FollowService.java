package dev.easel.server.social;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.Page;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import dev.easel.server.gallery.GalleryService;
import dev.easel.server.gallery.PostView;
import dev.easel.server.social.FollowRepository.FollowRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Follows between users, their counts and lists, and the feed of posts by the users one follows. */
@Service
public class FollowService {
    private final FollowRepository follows;
    private final UserService users;
    private final NotificationService notifications;
    private final GalleryService gallery;
    private final ApplicationEventPublisher events;

    FollowService(
            FollowRepository follows,
            UserService users,
            NotificationService notifications,
            GalleryService gallery,
            ApplicationEventPublisher events) {
        this.follows = follows;
        this.users = users;
        this.notifications = notifications;
        this.gallery = gallery;
        this.events = events;
    }

    /**
     * A user's follow counts, and whether {@code viewer} follows them.
     *
     * @param followedByViewer false for signed-out viewers
     */
    public record FollowStats(Person user, long followers, long following, boolean followedByViewer) {}

    /** One entry of a followers or following list. */
    public record FollowView(Person user, Instant since) {}

    /** Follows {@code username}; following again changes nothing. */
    public FollowStats follow(UserAccount follower, String username) {
        UserAccount followee = user(username);
        if (followee.id() == follower.id()) {
            throw new FieldException("username", "you cannot follow yourself");
        }
        if (users.isAnonymous(followee)) {
            throw new FieldException("username", "the anonymous account cannot be followed");
        }
        if (follows.insert(follower.id(), followee.id(), Instant.now().truncatedTo(ChronoUnit.MICROS))) {
            notifications.notify(followee.id(), follower, NotificationType.FOLLOW, null, null, null);
            changed(follower, followee);
        }
        return stats(followee, follower);
    }

    /** Unfollows {@code username}; unfollowing someone not followed changes nothing. */
    public FollowStats unfollow(UserAccount follower, String username) {
        UserAccount followee = user(username);
        if (follows.delete(follower.id(), followee.id())) {
            changed(follower, followee);
        }
        return stats(followee, follower);
    }

    public FollowStats stats(String username, UserAccount viewer) {
        return stats(user(username), viewer);
    }

    public Page<FollowView> followers(String username, String cursor, Integer limit) {
        UserAccount user = user(username);
        int size = SocialCursor.limit(limit);
        return page(follows.followers(user.id(), SocialCursor.decode(cursor), size), size);
    }

    public Page<FollowView> following(String username, String cursor, Integer limit) {
        UserAccount user = user(username);
        int size = SocialCursor.limit(limit);
        return page(follows.following(user.id(), SocialCursor.decode(cursor), size), size);
    }

    /** Public posts of the users {@code viewer} follows, newest first. */
    public Page<PostView> feed(UserAccount viewer, String cursor, Integer limit) {
        return gallery.postsByAuthors(follows.followeeIds(viewer.id()), cursor, SocialCursor.limit(limit), viewer);
    }

    private FollowStats stats(UserAccount user, UserAccount viewer) {
        boolean followed = viewer != null && viewer.id() != user.id() && follows.exists(viewer.id(), user.id());
        return new FollowStats(
                Person.of(user), follows.countFollowers(user.id()), follows.countFollowing(user.id()), followed);
    }

    /** Two statements a page (follows, users) whatever its size. */
    private Page<FollowView> page(List<FollowRow> rows, int size) {
        boolean more = rows.size() > size;
        List<FollowRow> shown = more ? rows.subList(0, size) : rows;
        Map<Long, UserAccount> people =
                users.findAllById(shown.stream().map(FollowRow::userId).toList());
        List<FollowView> views = shown.stream()
                .map(row -> new FollowView(Person.of(row.userId(), people), row.since()))
                .toList();
        FollowRow last = more ? shown.getLast() : null;
        return new Page<>(
                views, last == null ? null : new SocialCursor(last.since(), Long.toString(last.userId())).encode());
    }

    private UserAccount user(String username) {
        return users.findByUsername(username).orElseThrow(() -> new NotFoundException("no user " + username));
    }

    /** Follower counts are part of both profiles. */
    private void changed(UserAccount follower, UserAccount followee) {
        events.publishEvent(new ContentChanged(ContentKind.USER, Long.toString(follower.id())));
        events.publishEvent(new ContentChanged(ContentKind.USER, Long.toString(followee.id())));
    }
}
