package dev.easel.server.moderation;

import dev.easel.server.content.ContentKind;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of the moderator queue: an item with open reports.
 *
 * @param title the item's label, null when it no longer exists
 * @param ownerId its owner, null when it no longer exists
 * @param hidden whether it is hidden already
 * @param reports how many open reports it has
 * @param reasons open reports by reason
 */
public record ReportedTarget(
        ContentKind kind,
        String id,
        String title,
        Long ownerId,
        boolean hidden,
        long reports,
        Map<ReportReason, Long> reasons,
        Instant firstReportedAt,
        Instant lastReportedAt) {
    public ReportedTarget {
        reasons = Map.copyOf(reasons);
    }
}
