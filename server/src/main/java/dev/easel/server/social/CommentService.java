package dev.easel.server.social;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.Page;
import dev.easel.server.api.RandomIds;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentDirectories;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import dev.easel.server.social.CommentRepository.CommentRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Threaded comments on posts and models: write, edit and soft-delete one's own, read a target's threads. */
@Service
public class CommentService {
    static final String DELETED = "[deleted]";
    static final int MAX_BODY = 5000;
    private static final Set<ContentKind> COMMENTABLE = Set.of(ContentKind.POST, ContentKind.MODEL);

    private final CommentRepository comments;
    // Looked up lazily: the directories include this feature's own comment directory.
    private final ObjectProvider<ContentDirectories> directories;
    private final UserService users;
    private final NotificationService notifications;
    private final ApplicationEventPublisher events;

    CommentService(
            CommentRepository comments,
            ObjectProvider<ContentDirectories> directories,
            UserService users,
            NotificationService notifications,
            ApplicationEventPublisher events) {
        this.comments = comments;
        this.directories = directories;
        this.users = users;
        this.notifications = notifications;
        this.events = events;
    }

    /**
     * A comment as a viewer sees it, with its replies (oldest first).
     *
     * @param author null once the comment is deleted
     * @param body {@code [deleted]} once the comment is deleted
     * @param hidden hidden by a moderator (only its author and moderators still see it)
     */
    public record CommentView(
            String id,
            String targetKind,
            String targetId,
            String parentId,
            Person author,
            String body,
            boolean deleted,
            boolean hidden,
            Instant createdAt,
            Instant updatedAt,
            List<CommentView> replies) {
        public CommentView {
            replies = List.copyOf(replies);
        }
    }

    public CommentView create(String kind, String targetId, String body, String parentId, UserAccount author) {
        ContentKind target = kind(kind);
        ContentSummary summary = target(target, targetId, author);
        String text = body(body);
        CommentRow parent = null;
        if (parentId != null) {
            parent = comments.find(parentId)
                    .filter(found ->
                            found.targetKind() == target && found.targetId().equals(targetId))
                    .filter(found -> !found.deleted() && mayRead(found, author))
                    .orElseThrow(() -> new FieldException(
                            "parentId",
                            "parentId must be a comment on the same "
                                    + target.name().toLowerCase(Locale.ROOT) + ", not deleted"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String id = RandomIds.next();
        CommentRow row = new CommentRow(
                id,
                target,
                targetId,
                parentId,
                parent == null ? id : parent.rootId(),
                author.id(),
                text,
                false,
                false,
                now,
                now);
        comments.insert(row);
        if (parent != null) {
            notifications.notify(parent.authorId(), author, NotificationType.REPLY, target, targetId, id);
        }
        if (parent == null || parent.authorId() != summary.ownerId()) {
            notifications.notify(summary.ownerId(), author, NotificationType.COMMENT, target, targetId, id);
        }
        changed(id);
        return view(row, Map.of(author.id(), author), List.of());
    }

    /** A page of threads (top-level comments, oldest first, each with all its replies): three statements. */
    public Page<CommentView> list(String kind, String targetId, String cursor, Integer limit, UserAccount viewer) {
        ContentKind target = kind(kind);
        target(target, targetId, viewer);
        int size = SocialCursor.limit(limit);
        List<CommentRow> roots = comments.threads(target, targetId, SocialCursor.decode(cursor), size);
        boolean more = roots.size() > size;
        List<CommentRow> shown = more ? roots.subList(0, size) : roots;
        List<CommentRow> replies =
                comments.replies(shown.stream().map(CommentRow::id).toList());
        Map<Long, UserAccount> authors = users.findAllById(Stream.concat(shown.stream(), replies.stream())
                .map(CommentRow::authorId)
                .distinct()
                .toList());
        Map<String, List<CommentRow>> children = new HashMap<>();
        replies.forEach(reply -> children.computeIfAbsent(reply.parentId(), key -> new ArrayList<>())
                .add(reply));
        List<CommentView> threads = shown.stream()
                .filter(root -> mayRead(root, viewer))
                .map(root -> tree(root, children, authors, viewer))
                .toList();
        CommentRow last = more ? shown.getLast() : null;
        return new Page<>(threads, last == null ? null : new SocialCursor(last.createdAt(), last.id()).encode());
    }

    public CommentView edit(String id, String body, UserAccount user) {
        own(id, user, false);
        String text = body(body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        comments.updateBody(id, text, now);
        changed(id);
        return view(comments.find(id).orElseThrow(), Map.of(user.id(), user), List.of());
    }

    /** Soft delete by the author (or an admin); deleting again changes nothing. */
    public void delete(String id, UserAccount user) {
        CommentRow comment = own(id, user, true);
        if (!comment.deleted()) {
            comments.markDeleted(id, DELETED, Instant.now().truncatedTo(ChronoUnit.MICROS));
            changed(id);
        }
    }

    /** The comment as {@code viewer} may see it: its target visible to them, and not hidden unless theirs. */
    Optional<CommentRow> visible(String id, UserAccount viewer) {
        if (!RandomIds.looksValid(id)) {
            return Optional.empty();
        }
        return comments.find(id).filter(comment -> mayRead(comment, viewer)).filter(comment -> directories
                .getObject()
                .find(comment.targetKind(), comment.targetId(), viewer)
                .isPresent());
    }

    Optional<CommentRow> find(String id) {
        return RandomIds.looksValid(id) ? comments.find(id) : Optional.empty();
    }

    void setHidden(String id, boolean hidden) {
        if (!comments.setHidden(id, hidden)) {
            throw new NotFoundException("no comment " + id);
        }
        changed(id);
    }

    /** A comment the user may change: 404 when they cannot see it, 403 when it is someone else's. */
    private CommentRow own(String id, UserAccount user, boolean adminToo) {
        CommentRow comment = visible(id, user).orElseThrow(() -> new NotFoundException("no comment " + id));
        boolean allowed = comment.authorId() == user.id() || (adminToo && user.isAdmin());
        if (!allowed) {
            throw new ForbiddenException("only its author may change comment " + id);
        }
        if (comment.deleted() && !adminToo) {
            throw new NotFoundException("comment " + id + " was deleted");
        }
        return comment;
    }

    private CommentView tree(
            CommentRow comment,
            Map<String, List<CommentRow>> children,
            Map<Long, UserAccount> authors,
            UserAccount viewer) {
        List<CommentView> replies = children.getOrDefault(comment.id(), List.of()).stream()
                .filter(reply -> mayRead(reply, viewer))
                .map(reply -> tree(reply, children, authors, viewer))
                .toList();
        return view(comment, authors, replies);
    }

    private static CommentView view(CommentRow row, Map<Long, UserAccount> authors, List<CommentView> replies) {
        return new CommentView(
                row.id(),
                row.targetKind().plural(),
                row.targetId(),
                row.parentId(),
                row.deleted() ? null : Person.of(row.authorId(), authors),
                row.body(),
                row.deleted(),
                row.hidden(),
                row.createdAt(),
                row.updatedAt(),
                replies);
    }

    /** Hidden comments (and so their replies) are left out for everyone but their author and moderators. */
    private static boolean mayRead(CommentRow comment, UserAccount viewer) {
        return !comment.hidden()
                || (viewer != null
                        && (viewer.id() == comment.authorId() || viewer.role().atLeast(Role.MODERATOR)));
    }

    private ContentSummary target(ContentKind kind, String targetId, UserAccount viewer) {
        return directories
                .getObject()
                .find(kind, targetId, viewer)
                .orElseThrow(
                        () -> new NotFoundException("no " + kind.name().toLowerCase(Locale.ROOT) + " " + targetId));
    }

    private void changed(String commentId) {
        events.publishEvent(new ContentChanged(ContentKind.COMMENT, commentId));
    }

    private static ContentKind kind(String kind) {
        return ContentKind.parse(kind)
                .filter(COMMENTABLE::contains)
                .orElseThrow(() -> new FieldException("kind", "comments are on posts or models, got " + kind));
    }

    private static String body(String body) {
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            throw new FieldException("body", "body must be 1-" + MAX_BODY + " characters, not all blank");
        }
        return body;
    }
}
