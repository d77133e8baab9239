package dev.easel.server.models;

import java.time.Instant;
import java.util.List;

/** A row of {@code model_versions}; trained words are stored one per line. */
record VersionRow(
        String id,
        String modelId,
        String name,
        String slug,
        List<String> trainedWords,
        String sha256,
        String archiveSha256,
        long archiveBytes,
        long totalBytes,
        Instant createdAt,
        Long publishedMs,
        long downloadCount) {

    boolean published() {
        return publishedMs != null;
    }
}
