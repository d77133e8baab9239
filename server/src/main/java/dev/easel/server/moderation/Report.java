package dev.easel.server.moderation;

import dev.easel.server.content.ContentKind;
import java.time.Instant;

/**
 * One user's report of one item.
 *
 * @param details the reporter's words, as given; null when none
 * @param resolvedAt null while open
 * @param resolvedBy the moderator who resolved it, null while open
 * @param note the moderator's note, null while open
 */
public record Report(
        long id,
        long reporterId,
        ContentKind kind,
        String targetId,
        ReportReason reason,
        String details,
        ReportStatus status,
        Instant createdAt,
        Instant resolvedAt,
        Long resolvedBy,
        String note) {}
