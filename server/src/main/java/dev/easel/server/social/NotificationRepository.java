package dev.easel.server.social;

import dev.easel.server.content.ContentKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notifications} table. */
@Repository
class NotificationRepository {
    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A notification row; target and comment are null where the type has none (a follow). */
    record NotificationRow(
            long id,
            long recipientId,
            long actorId,
            NotificationType type,
            ContentKind targetKind,
            String targetId,
            String commentId,
            Instant createdAt,
            Instant readAt) {}

    void insert(NotificationRow row) {
        jdbc.sql("insert into notifications (recipient_id, actor_id, type, target_kind, target_id, comment_id,"
                        + " created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        row.recipientId(),
                        row.actorId(),
                        row.type().name(),
                        row.targetKind() == null ? null : row.targetKind().name(),
                        row.targetId(),
                        row.commentId(),
                        Timestamp.from(row.createdAt()))
                .update();
    }

    /** Newest first (ids grow with time); one more than {@code limit} so the caller knows whether more follow. */
    List<NotificationRow> list(long recipientId, Long beforeId, int limit) {
        return jdbc.sql("select * from notifications where recipient_id = :recipient"
                        + (beforeId == null ? "" : " and id < :before")
                        + " order by id desc limit :limit")
                .param("recipient", recipientId)
                .param("before", beforeId)
                .param("limit", limit + 1)
                .query(NotificationRepository::row)
                .list();
    }

    long countUnread(long recipientId) {
        return jdbc.sql("select count(*) from notifications where recipient_id = ? and read_at is null")
                .param(recipientId)
                .query(Long.class)
                .single();
    }

    /** @return whether the recipient has such a notification */
    boolean markRead(long recipientId, long id, Instant at) {
        boolean exists = jdbc.sql("select count(*) from notifications where id = ? and recipient_id = ?")
                        .params(id, recipientId)
                        .query(Long.class)
                        .single()
                > 0;
        jdbc.sql("update notifications set read_at = ? where id = ? and recipient_id = ? and read_at is null")
                .params(Timestamp.from(at), id, recipientId)
                .update();
        return exists;
    }

    void markAllRead(long recipientId, Instant at) {
        jdbc.sql("update notifications set read_at = ? where recipient_id = ? and read_at is null")
                .params(Timestamp.from(at), recipientId)
                .update();
    }

    private static NotificationRow row(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString("target_kind");
        Timestamp readAt = rs.getTimestamp("read_at");
        return new NotificationRow(
                rs.getLong("id"),
                rs.getLong("recipient_id"),
                rs.getLong("actor_id"),
                NotificationType.valueOf(rs.getString("type")),
                kind == null ? null : ContentKind.valueOf(kind),
                rs.getString("target_id"),
                rs.getString("comment_id"),
                rs.getTimestamp("created_at").toInstant(),
                readAt == null ? null : readAt.toInstant());
    }
}
