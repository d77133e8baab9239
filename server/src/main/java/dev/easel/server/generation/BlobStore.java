package dev.easel.server.generation;

import dev.easel.server.EaselProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Content-addressed files under {@code <data>/blobs/ab/abcdef...}: the same bytes are stored once. */
@Component
public class BlobStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Path root;

    public BlobStore(EaselProperties properties) {
        this.root = properties.dataDir().resolve("blobs");
    }

    /** Stores the bytes and returns their SHA-256 (hex). */
    public String put(byte[] bytes) {
        String hash = sha256(bytes);
        Path target = path(hash);
        if (Files.exists(target)) {
            return hash;
        }
        try {
            Files.createDirectories(target.getParent());
            // Write then rename, so a crash never leaves a truncated blob under its final name.
            Path temp = Files.createTempFile(target.getParent(), hash, ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blob " + hash, e);
        }
    }

    public Optional<byte[]> get(String hash) {
        if (!SHA256.matcher(hash).matches()) {
            return Optional.empty();
        }
        Path file = path(hash);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + hash, e);
        }
    }

    public boolean contains(String hash) {
        return SHA256.matcher(hash).matches() && Files.exists(path(hash));
    }

    /** Removes a blob that nothing refers to (the caller knows: it stored it and then failed to use it). */
    public void delete(String hash) {
        if (!SHA256.matcher(hash).matches()) {
            return;
        }
        try {
            Files.deleteIfExists(path(hash));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete blob " + hash, e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private Path path(String hash) {
        return root.resolve(hash.substring(0, 2)).resolve(hash);
    }
}
