package dev.easel.server.moderation;

import dev.easel.server.api.Page;
import dev.easel.server.generation.FlaggedImage;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of the moderation API; kinds appear as their URL plural ({@code posts}, {@code users}). */
final class ModerationViews {
    private ModerationViews() {}

    static <T, V> Page<V> map(Page<T> page, Function<T, V> view) {
        return new Page<>(page.items().stream().map(view).toList(), page.nextCursor());
    }

    record ReportView(
            long id,
            long reporterId,
            String kind,
            String targetId,
            ReportReason reason,
            String details,
            ReportStatus status,
            Instant createdAt,
            Instant resolvedAt,
            Long resolvedBy,
            String note) {
        static ReportView of(Report r) {
            return new ReportView(
                    r.id(),
                    r.reporterId(),
                    r.kind().plural(),
                    r.targetId(),
                    r.reason(),
                    r.details(),
                    r.status(),
                    r.createdAt(),
                    r.resolvedAt(),
                    r.resolvedBy(),
                    r.note());
        }
    }

    record TargetView(
            String kind,
            String id,
            String title,
            Long ownerId,
            boolean hidden,
            long reports,
            Map<ReportReason, Long> reasons,
            Instant firstReportedAt,
            Instant lastReportedAt) {
        static TargetView of(ReportedTarget t) {
            return new TargetView(
                    t.kind().plural(),
                    t.id(),
                    t.title(),
                    t.ownerId(),
                    t.hidden(),
                    t.reports(),
                    t.reasons(),
                    t.firstReportedAt(),
                    t.lastReportedAt());
        }
    }

    record AuditView(
            long id,
            long moderatorId,
            ModerationAction action,
            String kind,
            String targetId,
            Long reportId,
            String reason,
            Instant createdAt) {
        static AuditView of(AuditEntry e) {
            return new AuditView(
                    e.id(),
                    e.moderatorId(),
                    e.action(),
                    e.kind().plural(),
                    e.targetId(),
                    e.reportId(),
                    e.reason(),
                    e.createdAt());
        }
    }

    /** @param url where the PNG is served */
    record FlaggedImageView(String jobId, int index, long ownerId, String url, String prompt, Instant finishedAt) {
        static FlaggedImageView of(FlaggedImage image) {
            return new FlaggedImageView(
                    image.jobId(),
                    image.index(),
                    image.ownerId(),
                    "/api/v1/images/" + image.sha256() + ".png",
                    image.prompt(),
                    image.finishedAt());
        }
    }
}
