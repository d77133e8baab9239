package dev.easel.server.models;

import java.time.Instant;
import java.util.List;

/**
 * A version of a shared model as its page shows it.
 *
 * @param status {@code DRAFT} (visible to its owner only) or {@code PUBLISHED}
 * @param generationName the name jobs use to generate with it ({@code "model": ...}); selectable once published
 * @param sha256 the engine's model hash over every file's path and content
 * @param archiveSha256 SHA-256 of the download zip, also its ETag
 */
public record VersionView(
        String id,
        String name,
        String slug,
        String status,
        String generationName,
        List<String> trainedWords,
        String sha256,
        String archiveSha256,
        long archiveBytes,
        long totalBytes,
        long downloadCount,
        Instant createdAt,
        Instant publishedAt,
        String downloadUrl,
        List<FileView> files,
        List<ImageView> images) {
    public VersionView {
        trainedWords = List.copyOf(trainedWords);
        files = List.copyOf(files);
        images = List.copyOf(images);
    }

    /** A file of the version's model folder. */
    public record FileView(String path, long bytes, String sha256, String url) {}

    /** A sample image. */
    public record ImageView(String sha256, String mediaType, long bytes, String url) {}
}
