package dev.easel.server.content;

/**
 * Published (as a Spring application event, after the change is committed) whenever an item is created, edited,
 * deleted, hidden or unhidden, or its counts change, so that search and caches can refresh what they hold of it.
 */
public record ContentChanged(ContentKind kind, String id) {}
