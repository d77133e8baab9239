package dev.easel.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.engine.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Where the files of a diffusers ONNX model folder live, and facts derived from the files alone. */
public final class ModelFolder {
    public static final String INDEX = "model_index.json";
    public static final String TOKENIZER = "tokenizer";
    public static final String TEXT_ENCODER = "text_encoder/model.onnx";
    public static final String UNET = "unet/model.onnx";
    public static final String VAE_DECODER = "vae_decoder/model.onnx";
    public static final String VAE_DECODER_CONFIG = "vae_decoder/config.json";
    public static final String VAE_ENCODER = "vae_encoder/model.onnx";
    public static final String SAFETY_CHECKER = "safety_checker/model.onnx";
    public static final String SCHEDULER_CONFIG = "scheduler/scheduler_config.json";
    public static final String UNET_CONFIG = "unet/config.json";
    private static final int DEFAULT_IMAGE_SIDE = 512;

    private final Path root;
    private volatile String sha256;

    public ModelFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public String name() {
        return root.getFileName().toString();
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }

    public boolean exists(String relative) {
        return Files.exists(root.resolve(relative));
    }

    /**
     * The image side the model was trained for: {@code sample_size} of unet/config.json times the VAE factor, or
     * 512 (SD 1.x) when the export has no such config.
     */
    public int nativeImageSide(int vaeFactor) {
        Path config = path(UNET_CONFIG);
        if (!Files.isRegularFile(config)) {
            return DEFAULT_IMAGE_SIDE;
        }
        try {
            JsonNode size = new ObjectMapper().readTree(config.toFile()).path("sample_size");
            int cells = size.isArray() ? size.path(0).asInt(0) : size.asInt(0);
            return cells > 0 ? cells * vaeFactor : DEFAULT_IMAGE_SIDE;
        } catch (IOException e) {
            return DEFAULT_IMAGE_SIDE;
        }
    }

    /** Fails unless model_index.json exists and is a JSON object. */
    void checkIndex() {
        Path index = path(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new ModelException(INDEX + ": missing (not a diffusers model folder)");
        }
        try {
            JsonNode node = new ObjectMapper().readTree(index.toFile());
            if (node == null || !node.isObject()) {
                throw new ModelException(INDEX + ": must be a JSON object");
            }
        } catch (IOException e) {
            throw new ModelException(INDEX + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Bytes the folder's weights take on disk; ONNX Runtime holds about as much in memory once loaded, plus
     * activations.
     */
    public long weightBytes() {
        return files().stream().mapToLong(ModelFolder::size).sum();
    }

    /** SHA-256 over every file's relative path and content, in path order; computed once. */
    public String sha256() {
        String hash = sha256;
        if (hash == null) {
            hash = digest();
            sha256 = hash;
        }
        return hash;
    }

    /** The first ten hex digits of {@link #sha256()}, as A1111 shows a model's hash. */
    public String shortHash() {
        return sha256().substring(0, 10);
    }

    private String digest() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path file : files()) {
                digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                    while (in.read(buffer) >= 0) {
                        // DigestInputStream updates the digest as it reads.
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not hash " + root, e);
        }
    }

    private List<Path> files() {
        // Following links: a models folder often links to model folders kept elsewhere.
        try (Stream<Path> paths = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + root, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
