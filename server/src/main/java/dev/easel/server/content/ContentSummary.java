package dev.easel.server.content;

/**
 * What other features need to know about one published thing, whatever feature owns it.
 *
 * @param kind what it is
 * @param id its id (random and unguessable for posts, images, comments and models; the number for users)
 * @param ownerId the user who owns it (for a user: the user)
 * @param title a short human-readable label: post title, model name, comment excerpt, username
 * @param hidden whether a moderator has hidden it (or suspended the user)
 */
public record ContentSummary(ContentKind kind, String id, long ownerId, String title, boolean hidden) {}
