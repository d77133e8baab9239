package dev.easel.server.social;

import dev.easel.server.content.ContentKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code comments} table. */
@Repository
class CommentRepository {
    private final JdbcClient jdbc;

    CommentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A comment row.
     *
     * @param parentId the comment replied to, null for a top-level comment
     * @param rootId the top-level comment of the thread (its own id for a top-level comment)
     */
    record CommentRow(
            String id,
            ContentKind targetKind,
            String targetId,
            String parentId,
            String rootId,
            long authorId,
            String body,
            boolean deleted,
            boolean hidden,
            Instant createdAt,
            Instant updatedAt) {}

    void insert(CommentRow row) {
        jdbc.sql("insert into comments (id, target_kind, target_id, parent_id, root_id, author_id, body, deleted,"
                        + " hidden, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, false, false, ?, ?)")
                .params(
                        row.id(),
                        row.targetKind().name(),
                        row.targetId(),
                        row.parentId(),
                        row.rootId(),
                        row.authorId(),
                        row.body(),
                        Timestamp.from(row.createdAt()),
                        Timestamp.from(row.updatedAt()))
                .update();
    }

    Optional<CommentRow> find(String id) {
        return jdbc.sql("select * from comments where id = ?")
                .param(id)
                .query(CommentRepository::row)
                .optional();
    }

    /** Top-level comments of a target, oldest first, one more than {@code limit}. */
    List<CommentRow> threads(ContentKind kind, String targetId, SocialCursor after, int limit) {
        return jdbc.sql("select * from comments where target_kind = :kind and target_id = :target and parent_id is null"
                        + (after == null ? "" : " and (created_at, id) > (:at, :id)")
                        + " order by created_at, id limit :limit")
                .param("kind", kind.name())
                .param("target", targetId)
                .param("at", after == null ? null : Timestamp.from(after.at()))
                .param("id", after == null ? null : after.id())
                .param("limit", limit + 1)
                .query(CommentRepository::row)
                .list();
    }

    /** Every reply in these threads, oldest first. */
    List<CommentRow> replies(Collection<String> rootIds) {
        if (rootIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from comments where root_id in (:roots) and parent_id is not null"
                        + " order by created_at, id")
                .param("roots", rootIds)
                .query(CommentRepository::row)
                .list();
    }

    void updateBody(String id, String body, Instant at) {
        jdbc.sql("update comments set body = ?, updated_at = ? where id = ?")
                .params(body, Timestamp.from(at), id)
                .update();
    }

    /** Soft delete: the row stays so that replies keep their place; the text is gone. */
    void markDeleted(String id, String placeholder, Instant at) {
        jdbc.sql("update comments set deleted = true, body = ?, updated_at = ? where id = ?")
                .params(placeholder, Timestamp.from(at), id)
                .update();
    }

    /** @return whether the comment exists */
    boolean setHidden(String id, boolean hidden) {
        return jdbc.sql("update comments set hidden = ? where id = ?")
                        .params(hidden, id)
                        .update()
                > 0;
    }

    private static CommentRow row(ResultSet rs, int row) throws SQLException {
        return new CommentRow(
                rs.getString("id"),
                ContentKind.valueOf(rs.getString("target_kind")),
                rs.getString("target_id"),
                rs.getString("parent_id"),
                rs.getString("root_id"),
                rs.getLong("author_id"),
                rs.getString("body"),
                rs.getBoolean("deleted"),
                rs.getBoolean("hidden"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
