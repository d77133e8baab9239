package dev.easel.server.models;

import java.util.List;

/** A {@code PATCH} of a version: absent (null) fields keep their value. The slug (and generation name) stays. */
record VersionEdit(String versionName, List<String> trainedWords) {}
