package dev.easel.server.models;

import dev.easel.engine.model.ModelFolder;
import dev.easel.server.api.FieldException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Turns an uploaded zip and sample images into a {@link PreparedVersion}: unpacks safely, has the engine check the
 * model, hashes it, and writes the normalized download zip. Anything wrong is a 400 and leaves no files behind.
 */
@Component
class VersionUploads {
    /** Download zips carry this fixed time so the same files always give the same bytes (and ETag). */
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private final ModelFileStore store;
    private final ModelValidator validator;
    private final ModelProperties limits;
    private final SafeUnzip unzip;

    VersionUploads(ModelFileStore store, ModelValidator validator, ModelProperties limits) {
        this.store = store;
        this.validator = validator;
        this.limits = limits;
        this.unzip = new SafeUnzip(limits);
    }

    PreparedVersion prepare(MultipartFile zip, List<MultipartFile> images) {
        if (zip == null || zip.isEmpty()) {
            throw new FieldException(SafeUnzip.FIELD, "file is required: a zip of a diffusers ONNX model folder");
        }
        if (images.size() > limits.maxSampleImages()) {
            throw new FieldException("images", "at most " + limits.maxSampleImages() + " sample images");
        }
        Path work = store.newWorkFolder();
        boolean prepared = false;
        try {
            List<PreparedVersion.Image> checkedImages = images(images, work);
            Path upload = work.resolve("upload.zip");
            zip.transferTo(upload);
            Path folder = Files.createDirectory(work.resolve("model"));
            List<SafeUnzip.UnpackedFile> files = unzip.unpack(upload, folder);
            Files.delete(upload);
            validator.check(folder);
            String sha256 = new ModelFolder(folder).sha256();
            Path archive = work.resolve("archive.zip");
            String archiveSha256 = writeArchive(folder, files, archive);
            PreparedVersion version = new PreparedVersion(
                    work, folder, sha256, files, archive, archiveSha256, Files.size(archive), checkedImages);
            prepared = true;
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the upload", e);
        } finally {
            // Whatever went wrong (an Error included), a refused upload leaves no working folder behind.
            if (!prepared) {
                ModelFileStore.deleteTree(work);
            }
        }
    }

    private List<PreparedVersion.Image> images(List<MultipartFile> images, Path work) throws IOException {
        List<PreparedVersion.Image> checked = new ArrayList<>();
        for (MultipartFile image : images) {
            if (image.getSize() > limits.maxSampleImageBytes()) {
                throw new FieldException(
                        "images", "each sample image must be at most " + limits.maxSampleImageBytes() + " bytes");
            }
            byte[] bytes = image.getBytes();
            String mediaType = startsWith(bytes, PNG) ? "image/png" : startsWith(bytes, JPEG) ? "image/jpeg" : null;
            if (mediaType == null) {
                throw new FieldException(
                        "images", "sample image '" + image.getOriginalFilename() + "' is neither a PNG nor a JPEG");
            }
            Path file = work.resolve("image-" + checked.size());
            Files.write(file, bytes);
            MessageDigest sha = SafeUnzip.sha256();
            checked.add(new PreparedVersion.Image(
                    file, HexFormat.of().formatHex(sha.digest(bytes)), mediaType, bytes.length));
        }
        return checked;
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Files at the zip's root, sorted, stored uncompressed (weights do not compress) at a fixed time. */
    private static String writeArchive(Path folder, List<SafeUnzip.UnpackedFile> files, Path archive)
            throws IOException {
        MessageDigest sha = SafeUnzip.sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(archive), sha);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] buffer = new byte[1 << 16];
            for (SafeUnzip.UnpackedFile file : files) {
                ZipEntry entry = new ZipEntry(file.path());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(file.bytes());
                entry.setCompressedSize(file.bytes());
                entry.setCrc(file.crc32());
                entry.setTimeLocal(ZIP_TIME);
                zip.putNextEntry(entry);
                try (InputStream in = Files.newInputStream(folder.resolve(file.path()))) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        zip.write(buffer, 0, n);
                    }
                }
                zip.closeEntry();
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
