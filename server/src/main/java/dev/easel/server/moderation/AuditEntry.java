package dev.easel.server.moderation;

import dev.easel.server.content.ContentKind;
import java.time.Instant;

/**
 * One line of the moderation audit log.
 *
 * @param reportId the report resolved, for report resolutions; else null
 * @param reason why, in the moderator's words
 */
public record AuditEntry(
        long id,
        long moderatorId,
        ModerationAction action,
        ContentKind kind,
        String targetId,
        Long reportId,
        String reason,
        Instant createdAt) {}
