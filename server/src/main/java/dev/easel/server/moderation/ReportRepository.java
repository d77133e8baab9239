package dev.easel.server.moderation;

import dev.easel.server.content.ContentKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Reports, in table {@code reports}; plain SQL that runs on H2 and PostgreSQL. */
@Repository
class ReportRepository {
    private static final String COLUMNS = "id, reporter_id, target_kind, target_id, reason, details, status,"
            + " created_at, resolved_at, resolved_by, resolution_note";

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the reporter has an open report of the target */
    Report insert(long reporterId, ContentKind kind, String targetId, ReportReason reason, String details, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into reports (reporter_id, target_kind, target_id, reason, details, status, open_key,"
                        + " created_at) values (?, ?, ?, ?, ?, 'OPEN', ?, ?)")
                .params(
                        reporterId,
                        kind.name(),
                        targetId,
                        reason.name(),
                        details,
                        reporterId + ":" + kind.name() + ":" + targetId,
                        Timestamp.from(at))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        return new Report(id, reporterId, kind, targetId, reason, details, ReportStatus.OPEN, at, null, null, null);
    }

    Optional<Report> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from reports where id = ?")
                .param(id)
                .query(ReportRepository::report)
                .optional();
    }

    /** A target's reports, newest first. */
    List<Report> forTarget(ContentKind kind, String targetId, boolean openOnly, int limit) {
        return jdbc.sql("select " + COLUMNS + " from reports where target_kind = ? and target_id = ?"
                        + (openOnly ? " and status = 'OPEN'" : "")
                        + " order by created_at desc, id desc fetch first " + limit + " rows only")
                .params(kind.name(), targetId)
                .query(ReportRepository::report)
                .list();
    }

    /** Resolves one open report; false when it was not open. */
    boolean resolve(long id, ReportStatus status, long moderatorId, String note, Instant at) {
        return jdbc.sql("update reports set status = ?, open_key = null, resolved_at = ?, resolved_by = ?,"
                                + " resolution_note = ? where id = ? and status = 'OPEN'")
                        .params(status.name(), Timestamp.from(at), moderatorId, note, id)
                        .update()
                > 0;
    }

    /** Resolves every open report of a target; returns how many there were. */
    int resolveOpen(ContentKind kind, String targetId, ReportStatus status, long moderatorId, String note, Instant at) {
        return jdbc.sql("update reports set status = ?, open_key = null, resolved_at = ?, resolved_by = ?,"
                        + " resolution_note = ? where target_kind = ? and target_id = ? and status = 'OPEN'")
                .params(status.name(), Timestamp.from(at), moderatorId, note, kind.name(), targetId)
                .update();
    }

    /** Targets with open reports, in queue order, after {@code after} (null for the first page). */
    List<QueueRow> queue(QueueSort sort, QueueRow after, int limit) {
        String having = "";
        List<Object> params = new ArrayList<>();
        if (after != null) {
            String newer = "max(created_at) < ? or (max(created_at) = ? and (target_kind > ? or (target_kind = ?"
                    + " and target_id > ?)))";
            Timestamp last = Timestamp.from(after.lastReportedAt());
            List<Object> newerParams =
                    List.of(last, last, after.kind().name(), after.kind().name(), after.id());
            if (sort == QueueSort.MOST_REPORTED) {
                having = " having count(*) < ? or (count(*) = ? and (" + newer + "))";
                params.add(after.reports());
                params.add(after.reports());
            } else {
                having = " having " + newer;
            }
            params.addAll(newerParams);
        }
        String order = sort == QueueSort.MOST_REPORTED ? "count(*) desc, " : "";
        return jdbc.sql("select target_kind, target_id, count(*) as reports, min(created_at) as first_at,"
                        + " max(created_at) as last_at from reports where status = 'OPEN'"
                        + " group by target_kind, target_id" + having
                        + " order by " + order + "max(created_at) desc, target_kind, target_id"
                        + " fetch first " + limit + " rows only")
                .params(params)
                .query((rs, row) -> new QueueRow(
                        ContentKind.valueOf(rs.getString("target_kind")),
                        rs.getString("target_id"),
                        rs.getLong("reports"),
                        rs.getTimestamp("first_at").toInstant(),
                        rs.getTimestamp("last_at").toInstant()))
                .list();
    }

    /** Open reports by reason for each of {@code targets}, in one query. */
    Map<String, Map<ReportReason, Long>> openReasons(List<QueueRow> targets) {
        Map<String, Map<ReportReason, Long>> reasons = new HashMap<>();
        if (targets.isEmpty()) {
            return reasons;
        }
        String placeholders = String.join(",", Collections.nCopies(targets.size(), "?"));
        jdbc.sql("select target_kind, target_id, reason, count(*) as reports from reports where status = 'OPEN'"
                        + " and target_id in (" + placeholders + ") group by target_kind, target_id, reason")
                .params(targets.stream().map(QueueRow::id).toList())
                .query(rs -> {
                    reasons.computeIfAbsent(
                                    rs.getString("target_kind") + ":" + rs.getString("target_id"),
                                    k -> new EnumMap<>(ReportReason.class))
                            .put(ReportReason.valueOf(rs.getString("reason")), rs.getLong("reports"));
                });
        return reasons;
    }

    private static Report report(ResultSet rs, int rowNum) throws SQLException {
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        long resolver = rs.getLong("resolved_by");
        Long resolvedBy = rs.wasNull() ? null : resolver;
        return new Report(
                rs.getLong("id"),
                rs.getLong("reporter_id"),
                ContentKind.valueOf(rs.getString("target_kind")),
                rs.getString("target_id"),
                ReportReason.valueOf(rs.getString("reason")),
                rs.getString("details"),
                ReportStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(),
                resolvedAt == null ? null : resolvedAt.toInstant(),
                resolvedBy,
                rs.getString("resolution_note"));
    }

    /** A target in the queue: its open report count and when it was first and last reported. */
    record QueueRow(ContentKind kind, String id, long reports, Instant firstReportedAt, Instant lastReportedAt) {
        String key() {
            return kind.name() + ":" + id;
        }
    }
}
