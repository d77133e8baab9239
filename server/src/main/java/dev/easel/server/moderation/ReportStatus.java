package dev.easel.server.moderation;

/** A report is open until a moderator acts on its target (ACTIONED) or decides there is nothing to do (DISMISSED). */
public enum ReportStatus {
    OPEN,
    ACTIONED,
    DISMISSED
}
