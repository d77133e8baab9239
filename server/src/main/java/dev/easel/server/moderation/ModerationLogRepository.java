package dev.easel.server.moderation;

import dev.easel.server.content.ContentKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The audit log of moderator actions, in table {@code moderation_log}. */
@Repository
class ModerationLogRepository {
    private final JdbcClient jdbc;

    ModerationLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AuditEntry insert(AuditEntry entry) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into moderation_log (moderator_id, action, target_kind, target_id, report_id, reason,"
                        + " created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        entry.moderatorId(),
                        entry.action().name(),
                        entry.kind().name(),
                        entry.targetId(),
                        entry.reportId(),
                        entry.reason(),
                        Timestamp.from(entry.createdAt()))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        return new AuditEntry(
                id,
                entry.moderatorId(),
                entry.action(),
                entry.kind(),
                entry.targetId(),
                entry.reportId(),
                entry.reason(),
                entry.createdAt());
    }

    /**
     * Newest first (ids only grow), starting below {@code beforeId} when given; only one target's entries when
     * {@code kind} and {@code targetId} are given.
     */
    List<AuditEntry> page(Long beforeId, ContentKind kind, String targetId, int limit) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (beforeId != null) {
            where.append(" and id < ?");
            params.add(beforeId);
        }
        if (kind != null) {
            where.append(" and target_kind = ? and target_id = ?");
            params.add(kind.name());
            params.add(targetId);
        }
        return jdbc.sql("select id, moderator_id, action, target_kind, target_id, report_id, reason, created_at"
                        + " from moderation_log" + where + " order by id desc fetch first " + limit + " rows only")
                .params(params)
                .query(ModerationLogRepository::row)
                .list();
    }

    private static AuditEntry row(ResultSet rs, int rowNum) throws SQLException {
        long reportId = rs.getLong("report_id");
        Long report = rs.wasNull() ? null : reportId;
        return new AuditEntry(
                rs.getLong("id"),
                rs.getLong("moderator_id"),
                ModerationAction.valueOf(rs.getString("action")),
                ContentKind.valueOf(rs.getString("target_kind")),
                rs.getString("target_id"),
                report,
                rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant());
    }
}
