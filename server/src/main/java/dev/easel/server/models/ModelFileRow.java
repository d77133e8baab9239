package dev.easel.server.models;

/** A file of a version (path inside the model folder) or a sample image (position, media type). */
record ModelFileRow(String versionId, String path, String sha256, long bytes) {}
