package dev.easel.server.social;

/** What a notification tells its recipient. */
public enum NotificationType {
    /** Someone liked your post, image or model. */
    LIKE,
    /** Someone commented on your post or model. */
    COMMENT,
    /** Someone replied to your comment. */
    REPLY,
    /** Someone followed you. */
    FOLLOW
}
