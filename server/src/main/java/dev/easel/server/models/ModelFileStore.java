package dev.easel.server.models;

import dev.easel.server.EaselProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Model files, sample images and download zips, content-addressed under {@code <data>/model-files/ab/abcdef...}: the
 * same bytes are stored once, however many versions hold them. Folders that generation loads are built from hard
 * links to these files under {@code <data>/model-folders/<name>/}; temporary work happens in
 * {@code <data>/model-uploads/}.
 */
@Component
class ModelFileStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Path files;
    private final Path folders;
    private final Path uploads;

    ModelFileStore(EaselProperties properties) {
        Path data = properties.dataDir().toAbsolutePath().normalize();
        this.files = data.resolve("model-files");
        this.folders = data.resolve("model-folders");
        this.uploads = data.resolve("model-uploads");
    }

    /** A new empty working folder for one upload; delete it with {@link #deleteTree} when done. */
    Path newWorkFolder() {
        try {
            Files.createDirectories(uploads);
            return Files.createTempDirectory(uploads, "upload-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder under " + uploads, e);
        }
    }

    /**
     * Moves {@code source}, whose SHA-256 is {@code sha256}, into the store, or deletes it when the store holds those
     * bytes already.
     *
     * @return whether the file is new to the store
     */
    boolean put(Path source, String sha256) {
        Path target = path(sha256);
        try {
            if (Files.exists(target)) {
                Files.delete(source);
                return false;
            }
            Files.createDirectories(target.getParent());
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store model file " + sha256, e);
        }
    }

    boolean contains(String sha256) {
        return SHA256.matcher(sha256).matches() && Files.isRegularFile(path(sha256));
    }

    Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return files.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    void delete(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete model file " + sha256, e);
        }
    }

    /** Where the generation folder named {@code name} lives. */
    Path folder(String name) {
        return folders.resolve(name);
    }

    /**
     * Builds the folder {@code name} from stored files (hard links, or copies where links are impossible), in a staging
     * folder first so that a half-built folder is never seen under its name.
     *
     * @param files relative path to SHA-256
     */
    Path materialize(String name, java.util.Map<String, String> files) {
        Path target = folder(name);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path staging = newWorkFolder();
        try {
            for (var file : files.entrySet()) {
                Path link = staging.resolve(file.getKey()).normalize();
                Files.createDirectories(link.getParent());
                Path stored = path(file.getValue());
                try {
                    Files.createLink(link, stored);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(stored, link);
                }
            }
            Files.createDirectories(folders);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (FileAlreadyExistsException e) {
            deleteTree(staging); // built concurrently by another caller
            return target;
        } catch (IOException e) {
            deleteTree(staging);
            throw new UncheckedIOException("cannot build model folder " + target, e);
        }
    }

    /** Deletes a folder and everything in it (no-op when missing). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
