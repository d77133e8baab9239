package dev.easel.server.social;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.content.ContentKind;
import dev.easel.server.social.CommentRepository.CommentRow;
import dev.easel.server.social.FollowRepository.FollowRow;
import dev.easel.server.social.NotificationRepository.NotificationRow;
import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Social's SQL on the embedded default (H2) and on PostgreSQL. */
class SocialRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00.654321Z");

    private static JdbcClient database(Kind kind) {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.create(kind));
        for (String name : List.of("ann", "bob", "cat", "dan")) {
            jdbc.sql("insert into users (username, display_name, role, created_at) values (?, ?, 'USER', ?)")
                    .params(name, name, Timestamp.from(T0))
                    .update();
        }
        return jdbc;
    }

    private static Instant at(int minutes) {
        return T0.plus(minutes, ChronoUnit.MINUTES);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void followsAreUniqueCountedAndPagedNewestFirst(Kind kind) {
        FollowRepository follows = new FollowRepository(database(kind));
        assertThat(follows.insert(2, 1, at(1))).isTrue();
        assertThat(follows.insert(2, 1, at(2))).as("again").isFalse();
        assertThat(follows.insert(3, 1, at(3))).isTrue();
        assertThat(follows.insert(4, 1, at(3))).isTrue();
        assertThat(follows.insert(1, 4, at(4))).isTrue();
        assertThat(follows.countFollowers(1)).isEqualTo(3);
        assertThat(follows.countFollowing(1)).isEqualTo(1);
        assertThat(follows.exists(2, 1)).isTrue();
        assertThat(follows.exists(1, 2)).isFalse();

        List<FollowRow> first = follows.followers(1, null, 2);
        assertThat(first).extracting(FollowRow::userId).containsExactly(4L, 3L, 2L);
        assertThat(first.getFirst().since()).isEqualTo(at(3));
        SocialCursor after = new SocialCursor(
                first.get(1).since(), Long.toString(first.get(1).userId()));
        assertThat(follows.followers(1, after, 2)).extracting(FollowRow::userId).containsExactly(2L);
        assertThat(follows.following(1, null, 10)).extracting(FollowRow::userId).containsExactly(4L);
        assertThat(follows.followeeIds(2)).containsExactly(1L);

        assertThat(follows.delete(2, 1)).isTrue();
        assertThat(follows.delete(2, 1)).isFalse();
        assertThat(follows.countFollowers(1)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void likesAreOnePerUserAndTarget(Kind kind) {
        LikeRepository likes = new LikeRepository(database(kind));
        assertThat(likes.insert(ContentKind.POST, "p1", 1, at(1))).isTrue();
        assertThat(likes.insert(ContentKind.POST, "p1", 1, at(2))).isFalse();
        assertThat(likes.insert(ContentKind.POST, "p1", 2, at(2))).isTrue();
        assertThat(likes.insert(ContentKind.IMAGE, "p1", 1, at(2)))
                .as("another kind, same id")
                .isTrue();
        assertThat(likes.count(ContentKind.POST, "p1")).isEqualTo(2);
        assertThat(likes.count(ContentKind.IMAGE, "p1")).isEqualTo(1);
        assertThat(likes.exists(ContentKind.POST, "p1", 2)).isTrue();
        assertThat(likes.delete(ContentKind.POST, "p1", 2)).isTrue();
        assertThat(likes.delete(ContentKind.POST, "p1", 2)).isFalse();
        assertThat(likes.exists(ContentKind.POST, "p1", 2)).isFalse();
        assertThat(likes.count(ContentKind.POST, "p1")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void commentThreadsPageByTopLevelCommentsWithAllReplies(Kind kind) {
        CommentRepository comments = new CommentRepository(database(kind));
        comments.insert(comment("a", null, "a", 1, 1));
        comments.insert(comment("a1", "a", "a", 2, 2));
        comments.insert(comment("a11", "a1", "a", 1, 3));
        comments.insert(comment("b", null, "b", 2, 4));
        comments.insert(comment("c", null, "c", 3, 5));
        comments.insert(
                new CommentRow("other", ContentKind.MODEL, "t", null, "other", 1, "x", false, false, at(0), at(0)));

        List<CommentRow> first = comments.threads(ContentKind.POST, "t", null, 2);
        assertThat(first).extracting(CommentRow::id).containsExactly("a", "b", "c");
        SocialCursor after =
                new SocialCursor(first.get(1).createdAt(), first.get(1).id());
        assertThat(comments.threads(ContentKind.POST, "t", after, 2))
                .extracting(CommentRow::id)
                .containsExactly("c");
        assertThat(comments.replies(List.of("a", "b")))
                .extracting(CommentRow::id)
                .containsExactly("a1", "a11");
        assertThat(comments.replies(List.of())).isEmpty();

        comments.updateBody("a", "changed", at(9));
        comments.markDeleted("a1", "[deleted]", at(9));
        assertThat(comments.setHidden("b", true)).isTrue();
        assertThat(comments.setHidden("nope", true)).isFalse();
        assertThat(comments.find("a").orElseThrow().body()).isEqualTo("changed");
        CommentRow deleted = comments.find("a1").orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.body()).isEqualTo("[deleted]");
        assertThat(deleted.updatedAt()).isEqualTo(at(9));
        assertThat(comments.find("b").orElseThrow().hidden()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void notificationsPageNewestFirstAndTrackReadState(Kind kind) {
        NotificationRepository notifications = new NotificationRepository(database(kind));
        for (int i = 0; i < 3; i++) {
            notifications.insert(
                    new NotificationRow(0, 1, 2, NotificationType.LIKE, ContentKind.POST, "p" + i, null, at(i), null));
        }
        notifications.insert(new NotificationRow(0, 2, 1, NotificationType.FOLLOW, null, null, null, at(5), null));
        List<NotificationRow> first = notifications.list(1, null, 2);
        assertThat(first).extracting(NotificationRow::targetId).containsExactly("p2", "p1", "p0");
        assertThat(notifications.list(1, first.get(1).id(), 2))
                .extracting(NotificationRow::targetId)
                .containsExactly("p0");
        assertThat(notifications.list(2, null, 10).getFirst().targetKind()).isNull();
        assertThat(notifications.countUnread(1)).isEqualTo(3);

        assertThat(notifications.markRead(1, first.getFirst().id(), at(6))).isTrue();
        assertThat(notifications.markRead(2, first.get(1).id(), at(6)))
                .as("not the recipient")
                .isFalse();
        assertThat(notifications.countUnread(1)).isEqualTo(2);
        assertThat(notifications.list(1, null, 1).getFirst().readAt()).isEqualTo(at(6));
        notifications.markAllRead(1, at(7));
        assertThat(notifications.countUnread(1)).isZero();
        assertThat(notifications.countUnread(2)).isEqualTo(1);
    }

    private static CommentRow comment(String id, String parentId, String rootId, long author, int minute) {
        return new CommentRow(
                id,
                ContentKind.POST,
                "t",
                parentId,
                rootId,
                author,
                "body " + id,
                false,
                false,
                at(minute),
                at(minute));
    }
}
