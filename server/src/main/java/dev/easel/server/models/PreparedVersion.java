package dev.easel.server.models;

import java.nio.file.Path;
import java.util.List;

/**
 * An upload that passed every check, unpacked in its working folder and not yet stored.
 *
 * @param work the working folder (deleted once the upload is stored or refused)
 * @param sha256 the engine's model hash
 * @param files the model folder's files
 * @param archive the normalized download zip
 * @param images sample images in upload order
 */
record PreparedVersion(
        Path work,
        Path folder,
        String sha256,
        List<SafeUnzip.UnpackedFile> files,
        Path archive,
        String archiveSha256,
        long archiveBytes,
        List<Image> images) {

    /** A checked sample image. */
    record Image(Path file, String sha256, String mediaType, long bytes) {}

    long totalBytes() {
        return files.stream().mapToLong(SafeUnzip.UnpackedFile::bytes).sum();
    }
}
