package dev.easel.server.gallery;

/** Who published a post, as lists show it. */
public record Author(long id, String username, String displayName) {}
