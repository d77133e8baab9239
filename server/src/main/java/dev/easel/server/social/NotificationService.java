package dev.easel.server.social;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.Page;
import dev.easel.server.content.ContentKind;
import dev.easel.server.social.NotificationRepository.NotificationRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Notifications of likes, comments, replies and follows, to the owner of what was acted on. */
@Service
public class NotificationService {
    private final NotificationRepository notifications;
    private final UserService users;

    NotificationService(NotificationRepository notifications, UserService users) {
        this.notifications = notifications;
        this.users = users;
    }

    /**
     * One notification for {@code recipientId}; none when the actor acted on their own thing.
     *
     * @param targetKind what was acted on (null for a follow)
     */
    void notify(
            long recipientId,
            UserAccount actor,
            NotificationType type,
            ContentKind targetKind,
            String targetId,
            String commentId) {
        if (recipientId == actor.id()) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        notifications.insert(
                new NotificationRow(0, recipientId, actor.id(), type, targetKind, targetId, commentId, now, null));
    }

    /** The user's notifications, newest first: two statements a page (rows, actors) whatever its size. */
    public Page<NotificationView> list(UserAccount user, String cursor, Integer limit) {
        SocialCursor after = SocialCursor.decode(cursor);
        int size = SocialCursor.limit(limit);
        List<NotificationRow> rows = notifications.list(user.id(), after == null ? null : after.numericId(), size);
        boolean more = rows.size() > size;
        List<NotificationRow> shown = more ? rows.subList(0, size) : rows;
        Map<Long, UserAccount> actors = users.findAllById(
                shown.stream().map(NotificationRow::actorId).distinct().toList());
        List<NotificationView> views = shown.stream()
                .map(row -> new NotificationView(
                        row.id(),
                        row.type(),
                        Person.of(row.actorId(), actors),
                        row.targetKind() == null ? null : row.targetKind().plural(),
                        row.targetId(),
                        row.commentId(),
                        row.createdAt(),
                        row.readAt() != null))
                .toList();
        NotificationRow last = more ? shown.getLast() : null;
        return new Page<>(
                views, last == null ? null : new SocialCursor(last.createdAt(), Long.toString(last.id())).encode());
    }

    public long unreadCount(UserAccount user) {
        return notifications.countUnread(user.id());
    }

    /** @throws NotFoundException when the user has no such notification */
    public void markRead(UserAccount user, long id) {
        if (!notifications.markRead(user.id(), id, Instant.now())) {
            throw new NotFoundException("no notification " + id);
        }
    }

    public void markAllRead(UserAccount user) {
        notifications.markAllRead(user.id(), Instant.now());
    }

    /**
     * One notification as its recipient sees it.
     *
     * @param targetKind plural kind of what was acted on ({@code posts}, {@code images}, {@code models}), null for a
     *     follow
     * @param commentId the new comment, for comments and replies
     */
    public record NotificationView(
            long id,
            NotificationType type,
            Person actor,
            String targetKind,
            String targetId,
            String commentId,
            Instant createdAt,
            boolean read) {}
}
