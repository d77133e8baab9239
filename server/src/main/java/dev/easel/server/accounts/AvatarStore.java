package dev.easel.server.accounts;

import dev.easel.server.EaselProperties;
import dev.easel.server.api.FieldException;
import dev.easel.server.images.ImageDecoder;
import dev.easel.server.images.ImageLimit;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
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
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;

/**
 * Avatar images under {@code <data-dir>/avatars}, named by the SHA-256 of their bytes. An upload is checked to be a PNG
 * or JPEG of at most {@link #MAX_BYTES}, {@link #MAX_SIDE} pixels a side and {@code easel.images.max-pixels}, decoded, and encoded again in its format:
 * what is stored is known to be an image and carries none of the upload's metadata (such as a photo's location).
 */
@Component
class AvatarStore {
    static final int MAX_BYTES = 2 * 1024 * 1024;
    static final int MAX_SIDE = 4096;
    static final String FIELD = "avatar";
    private static final Pattern FILE_NAME = Pattern.compile("[0-9a-f]{64}\\.(png|jpg)");

    /** A stored avatar's file and media type. */
    record Avatar(Path file, String mediaType) {}

    private enum Format {
        PNG("png", "png", "image/png"),
        JPEG("jpeg", "jpg", "image/jpeg");

        final String imageIoName;
        final String extension;
        final String mediaType;

        Format(String imageIoName, String extension, String mediaType) {
            this.imageIoName = imageIoName;
            this.extension = extension;
            this.mediaType = mediaType;
        }
    }

    private final Path folder;
    private final ImageDecoder images;

    AvatarStore(EaselProperties properties, ImageDecoder images) {
        this.folder = properties.dataDir().resolve("avatars");
        this.images = images;
    }

    /**
     * Checks, re-encodes and stores an image.
     *
     * @return the stored file's name ({@code <sha256>.png} or {@code .jpg})
     * @throws FieldException naming {@code avatar} when it is empty, too large, not a PNG or JPEG, or does not decode
     */
    String store(byte[] upload) {
        if (upload.length == 0) {
            throw new FieldException(FIELD, "avatar is empty: send a PNG or JPEG image");
        }
        if (upload.length > MAX_BYTES) {
            throw new FieldException(FIELD, "avatar must be at most " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        Format format = sniff(upload);
        byte[] encoded = encode(decode(upload), format);
        String name = sha256(encoded) + "." + format.extension;
        write(folder.resolve(name), encoded);
        return name;
    }

    Optional<Avatar> read(String name) {
        if (!FILE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = folder.resolve(name);
        String mediaType = name.endsWith(".png") ? Format.PNG.mediaType : Format.JPEG.mediaType;
        return Files.isRegularFile(file) ? Optional.of(new Avatar(file, mediaType)) : Optional.empty();
    }

    void delete(String name) {
        if (!FILE_NAME.matcher(name).matches()) {
            return;
        }
        try {
            Files.deleteIfExists(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Format sniff(byte[] bytes) {
        if (bytes.length >= 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return Format.PNG;
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return Format.JPEG;
        }
        throw new FieldException(FIELD, "avatar must be a PNG or JPEG image");
    }

    /** Read through the shared decoder: the size comes from the header, and decodes at once are bounded. */
    private BufferedImage decode(byte[] bytes) {
        return images.decode(
                FIELD,
                bytes,
                new ImageLimit(MAX_SIDE, MAX_SIDE, images.uploadLimit().maxPixels()));
    }

    private static byte[] encode(BufferedImage image, Format format) {
        BufferedImage writable = image;
        if (format == Format.JPEG && image.getColorModel().hasAlpha()) {
            writable = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = writable.createGraphics();
            try {
                graphics.drawImage(image, 0, 0, null);
            } finally {
                graphics.dispose();
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(writable, format.imageIoName, out)) {
                throw new FieldException(FIELD, "avatar is not a readable " + format + " image");
            }
        } catch (IOException e) {
            throw new FieldException(FIELD, "avatar is not a readable " + format + " image");
        }
        return out.toByteArray();
    }

    /** Content-addressed, so an existing file already holds these bytes; writing via a temporary file keeps it whole. */
    private void write(Path file, byte[] bytes) {
        try {
            if (Files.exists(file)) {
                return;
            }
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "upload-", ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
