package dev.easel.server.models;

/** A sample image of a version, stored by content hash. */
record SampleImageRow(String versionId, int position, String sha256, String mediaType, long bytes) {}
