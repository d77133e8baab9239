package dev.easel.server.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zips for tests: of a model folder, and hand-crafted bad ones (links, duplicate names) Java's writer refuses to make. */
final class TestZips {
    private TestZips() {}

    /** The folder's files by relative path. */
    static Map<String, byte[]> files(Path folder) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
                files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The folder's files, each under {@code prefix} ({@code ""} for the zip's root). */
    static byte[] zip(Path folder, String prefix) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files(folder).forEach((name, bytes) -> entries.put(prefix + name, bytes));
        return zip(entries);
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Marks the central-directory entry {@code name} as a Unix symbolic link (mode 0120777). */
    static byte[] withSymlink(byte[] zip, String name) {
        ByteBuffer buffer = ByteBuffer.wrap(zip.clone()).order(ByteOrder.LITTLE_ENDIAN);
        int at = central(buffer, name);
        buffer.putShort(at + 4, (short) ((3 << 8) | 20));
        buffer.putInt(at + 38, 0120777 << 16);
        return buffer.array();
    }

    /** Renames every occurrence of the entry name {@code from} to {@code to} (same length), local and central. */
    static byte[] renamed(byte[] zip, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.UTF_8);
        byte[] b = to.getBytes(StandardCharsets.UTF_8);
        if (a.length != b.length) {
            throw new IllegalArgumentException("names must have the same length");
        }
        byte[] out = zip.clone();
        for (int i = 0; i + a.length <= out.length; i++) {
            boolean match = true;
            for (int j = 0; j < a.length && match; j++) {
                match = out[i + j] == a[j];
            }
            if (match) {
                System.arraycopy(b, 0, out, i, b.length);
            }
        }
        return out;
    }

    private static int central(ByteBuffer buffer, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < buffer.limit(); i++) {
            if (buffer.getInt(i) == 0x02014b50 && (buffer.getShort(i + 28) & 0xffff) == wanted.length) {
                byte[] found = new byte[wanted.length];
                buffer.get(i + 46, found);
                if (java.util.Arrays.equals(found, wanted)) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("no central entry " + name + " in " + List.of());
    }
}
