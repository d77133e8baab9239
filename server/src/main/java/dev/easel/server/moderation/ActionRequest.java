package dev.easel.server.moderation;

import dev.easel.server.content.ContentKind;

/**
 * A moderator's action on one target.
 *
 * @param action HIDE or UNHIDE (posts, images, comments, models), SUSPEND or UNSUSPEND (users)
 * @param targetId the item's id, or the user's id
 * @param reason why, for the audit log (required, at most 2,000 characters)
 */
public record ActionRequest(ModerationAction action, ContentKind kind, String targetId, String reason) {}
