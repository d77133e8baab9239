package dev.easel.server.moderation;

/**
 * A report as the user sent it; {@link ReportService#report} checks every field.
 *
 * @param kind {@code posts}, {@code images}, {@code comments}, {@code models} or {@code users} (singular too)
 * @param id the item's id, or the user's id
 * @param reason one of {@link ReportReason}
 * @param details optional (required for {@code OTHER}), at most 2,000 characters, stored as given
 */
public record NewReport(String kind, String id, String reason, String details) {}
