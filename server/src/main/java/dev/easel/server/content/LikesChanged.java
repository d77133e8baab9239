package dev.easel.server.content;

/**
 * Published by social when an item's like count changes, so the owning feature can keep its denormalized count (which
 * its "most liked" pages sort on) without reading social's tables.
 */
public record LikesChanged(ContentKind kind, String id, long likeCount) {}
