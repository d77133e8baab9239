package dev.easel.server.social;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentDirectories;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import dev.easel.server.content.LikesChanged;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Likes of posts, images and models: one per user and target, counted here and published as {@link LikesChanged} so
 * the owning feature keeps its denormalized count.
 */
@Service
public class LikeService {
    static final Set<ContentKind> LIKEABLE = Set.of(ContentKind.POST, ContentKind.IMAGE, ContentKind.MODEL);

    private final LikeRepository likes;
    private final ContentDirectories directories;
    private final NotificationService notifications;
    private final ApplicationEventPublisher events;

    LikeService(
            LikeRepository likes,
            ContentDirectories directories,
            NotificationService notifications,
            ApplicationEventPublisher events) {
        this.likes = likes;
        this.directories = directories;
        this.notifications = notifications;
        this.events = events;
    }

    /** Whether the viewer likes the target, and how many do. */
    public record LikeState(String kind, String id, boolean liked, long likeCount) {}

    public LikeState like(String kind, String id, UserAccount user) {
        ContentKind target = kind(kind);
        ContentSummary summary = visible(target, id, user);
        if (likes.insert(target, id, user.id(), Instant.now().truncatedTo(ChronoUnit.MICROS))) {
            notifications.notify(summary.ownerId(), user, NotificationType.LIKE, target, id, null);
            return changed(target, id, true);
        }
        return state(target, id, user);
    }

    public LikeState unlike(String kind, String id, UserAccount user) {
        ContentKind target = kind(kind);
        visible(target, id, user);
        if (likes.delete(target, id, user.id())) {
            return changed(target, id, false);
        }
        return state(target, id, user);
    }

    /** @param viewer null for signed-out visitors (then {@code liked} is false) */
    public LikeState state(String kind, String id, UserAccount viewer) {
        ContentKind target = kind(kind);
        visible(target, id, viewer);
        return state(target, id, viewer);
    }

    private LikeState state(ContentKind target, String id, UserAccount viewer) {
        boolean liked = viewer != null && likes.exists(target, id, viewer.id());
        return new LikeState(target.plural(), id, liked, likes.count(target, id));
    }

    private LikeState changed(ContentKind target, String id, boolean liked) {
        long count = likes.count(target, id);
        events.publishEvent(new LikesChanged(target, id, count));
        events.publishEvent(new ContentChanged(target, id));
        return new LikeState(target.plural(), id, liked, count);
    }

    private ContentSummary visible(ContentKind target, String id, UserAccount viewer) {
        return directories
                .find(target, id, viewer)
                .orElseThrow(() ->
                        new NotFoundException("no " + target.name().toLowerCase(java.util.Locale.ROOT) + " " + id));
    }

    static ContentKind kind(String kind) {
        return ContentKind.parse(kind)
                .filter(LIKEABLE::contains)
                .orElseThrow(() -> new FieldException("kind", "kind must be posts, images or models, got " + kind));
    }
}
