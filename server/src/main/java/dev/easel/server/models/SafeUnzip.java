package dev.easel.server.models;

import dev.easel.server.api.FieldException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an uploaded model zip into an empty folder, refusing anything that could escape the folder or exhaust the
 * disk: names with {@code ..} or absolute paths, symbolic links, duplicate names, too many entries, and more unpacked
 * bytes than allowed (counted as they are inflated, not as the headers claim). A zip whose files all sit in one
 * top-level folder is unpacked without that folder. Every problem is a 400 naming the {@code file} field.
 */
final class SafeUnzip {
    static final String FIELD = "file";
    /** The length of {@code model_files.path}: a longer path could only fail at the insert, after all the work. */
    static final int MAX_PATH_CHARS = 500;

    private static final int NAME_SHOWN_CHARS = 200;
    private static final long RATIO_GRACE_BYTES = 1L << 20;
    /** Folders some archivers add beside the real content. */
    private static final String MAC_METADATA = "__MACOSX/";

    private final ModelProperties limits;

    SafeUnzip(ModelProperties limits) {
        this.limits = limits;
    }

    /** A file unpacked: its path in the folder ({@code /}-separated), size, SHA-256 and CRC-32. */
    record UnpackedFile(String path, long bytes, String sha256, long crc32) {}

    /** Unpacks {@code zip} into {@code target} (which must exist and be empty); the files sorted by path. */
    List<UnpackedFile> unpack(Path zip, Path target) {
        List<ZipDirectory.Entry> directory = directory(zip);
        List<String> names = checkedNames(directory);
        String prefix = commonFolder(names);
        checkPathLengths(names, prefix);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Budget budget = new Budget(Files.size(zip));
            List<UnpackedFile> unpacked = new ArrayList<>();
            for (String name : names) {
                if (name.endsWith("/") || name.startsWith(MAC_METADATA)) {
                    continue;
                }
                ZipEntry entry = file.getEntry(name);
                if (entry == null) {
                    throw refuse("the zip's entry '" + name + "' cannot be read");
                }
                String path = name.substring(prefix.length());
                unpacked.add(extract(file, entry, path, target, budget));
            }
            if (unpacked.isEmpty()) {
                throw refuse("the zip holds no files");
            }
            unpacked.sort(java.util.Comparator.comparing(UnpackedFile::path));
            return unpacked;
        } catch (ZipException e) {
            throw refuse("the zip is damaged: " + e.getMessage());
        } catch (FileAlreadyExistsException e) {
            throw refuse("the zip's entries clash: two of them would be written to '"
                    + target.relativize(Path.of(e.getFile())) + "'");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    private List<ZipDirectory.Entry> directory(Path zip) {
        try {
            return ZipDirectory.read(zip, limits.maxEntries());
        } catch (ZipDirectory.NotAZipException e) {
            throw refuse(e.getMessage());
        } catch (ZipDirectory.TooManyEntriesException e) {
            throw refuse("the zip has " + e.count() + " entries; at most " + limits.maxEntries() + " are allowed");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
    }

    private List<String> checkedNames(List<ZipDirectory.Entry> directory) {
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (ZipDirectory.Entry entry : directory) {
            String name = entry.name();
            if (entry.symlink()) {
                throw refuse("the zip's entry '" + name + "' is a symbolic link; links are not allowed");
            }
            if (!safe(name)) {
                throw refuse("the zip's entry '" + name + "' would be written outside the model folder");
            }
            if (!seen.add(name) || (!name.endsWith("/") && seen.contains(name + "/"))) {
                throw refuse("the zip has two entries named '" + name + "'");
            }
            names.add(name);
        }
        return names;
    }

    /** Paths as stored (without the common folder), in characters as the column counts them. */
    private static void checkPathLengths(List<String> names, String prefix) {
        for (String name : names) {
            if (name.endsWith("/") || name.startsWith(MAC_METADATA)) {
                continue; // not stored
            }
            String path = name.substring(prefix.length());
            int length = path.codePointCount(0, path.length());
            if (length > MAX_PATH_CHARS) {
                String shown = name.length() > NAME_SHOWN_CHARS ? name.substring(0, NAME_SHOWN_CHARS) + "..." : name;
                throw refuse("the zip's entry '" + shown + "' has a path of " + length
                        + " characters; paths may have at most " + MAX_PATH_CHARS + " characters");
            }
        }
    }

    /** Relative, forward slashes only, no empty, {@code .} or {@code ..} segments. */
    private static boolean safe(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0) {
            return false;
        }
        if (name.length() > 1 && name.charAt(1) == ':') {
            return false; // a Windows drive letter
        }
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** {@code "folder/"} when every file sits in that one top-level folder, else {@code ""}. */
    private static String commonFolder(List<String> names) {
        Set<String> tops = new HashSet<>();
        for (String name : names) {
            if (name.startsWith(MAC_METADATA)) {
                continue;
            }
            int slash = name.indexOf('/');
            if (slash < 0) {
                return ""; // a file at the root
            }
            tops.add(name.substring(0, slash + 1));
        }
        return tops.size() == 1 ? Collections.min(tops) : "";
    }

    private UnpackedFile extract(ZipFile file, ZipEntry entry, String path, Path target, Budget budget)
            throws IOException {
        Path destination = target.resolve(path).normalize();
        if (!destination.startsWith(target)) {
            throw refuse("the zip's entry '" + entry.getName() + "' would be written outside the model folder");
        }
        Files.createDirectories(destination.getParent());
        MessageDigest sha = sha256();
        CRC32 crc = new CRC32();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = file.getInputStream(entry);
                OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes += n;
                budget.spend(n);
                sha.update(buffer, 0, n);
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return new UnpackedFile(path, bytes, HexFormat.of().formatHex(sha.digest()), crc.getValue());
    }

    /** Unpacked bytes so far, against the total limit and the inflation ratio. */
    private final class Budget {
        private final long zipBytes;
        private long spent;

        Budget(long zipBytes) {
            this.zipBytes = zipBytes;
        }

        void spend(long bytes) {
            spent += bytes;
            if (spent > limits.maxUnpackedBytes()) {
                throw refuse("the zip unpacks to more than " + limits.maxUnpackedBytes() + " bytes, the limit");
            }
            if (spent > RATIO_GRACE_BYTES && spent / Math.max(1, zipBytes) > limits.maxInflationRatio()) {
                throw refuse("the zip unpacks to more than " + limits.maxInflationRatio()
                        + " times its size; refused as a likely zip bomb");
            }
        }
    }

    static FieldException refuse(String message) {
        return new FieldException(FIELD, message);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
