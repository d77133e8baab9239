package dev.easel.server.models;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zip's central directory for what {@link java.util.zip.ZipFile} does not tell: each entry's Unix mode (to
 * refuse symbolic links) and the true entry count (to refuse duplicates and too many entries before unpacking).
 */
final class ZipDirectory {
    private static final int END = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;
    private static final int UNIX_HOST = 3;
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int SYMLINK = 0120000;

    /** One central-directory entry. */
    record Entry(String name, boolean symlink) {}

    /** A file that is not a readable zip. */
    static final class NotAZipException extends Exception {
        private static final long serialVersionUID = 1L;

        NotAZipException(String message) {
            super(message);
        }
    }

    private ZipDirectory() {}

    /**
     * The entries, in directory order.
     *
     * @param maxEntries refuse before reading names when the directory declares more
     * @throws TooManyEntriesException when the declared count exceeds {@code maxEntries}
     */
    static List<Entry> read(Path zip, int maxEntries) throws IOException, NotAZipException, TooManyEntriesException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < END_SIZE) {
                throw new NotAZipException("the file is not a zip archive");
            }
            int tailLength = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int end = findEnd(tail);
            if (end < 0) {
                throw new NotAZipException("the file is not a zip archive");
            }
            long count = tail.getShort(end + 10) & 0xffff;
            long directorySize = tail.getInt(end + 12) & 0xffffffffL;
            long directoryOffset = tail.getInt(end + 16) & 0xffffffffL;
            long endPosition = size - tailLength + end;
            if ((count == 0xffff || directorySize == 0xffffffffL || directoryOffset == 0xffffffffL)
                    && endPosition >= 20) {
                ByteBuffer locator = read(channel, endPosition - 20, 20);
                if (locator.getInt(0) == ZIP64_LOCATOR) {
                    ByteBuffer zip64 = read(channel, locator.getLong(8), 56);
                    if (zip64.getInt(0) != ZIP64_END) {
                        throw new NotAZipException("the zip's ZIP64 directory is damaged");
                    }
                    count = zip64.getLong(32);
                    directorySize = zip64.getLong(40);
                    directoryOffset = zip64.getLong(48);
                }
            }
            if (count > maxEntries) {
                throw new TooManyEntriesException(count);
            }
            if (directoryOffset + directorySize > size || directorySize > Integer.MAX_VALUE) {
                throw new NotAZipException("the zip's central directory is damaged");
            }
            return entries(read(channel, directoryOffset, (int) directorySize), count);
        }
    }

    /** The directory declares more entries than allowed. */
    static final class TooManyEntriesException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long count;

        TooManyEntriesException(long count) {
            super(count + " entries");
            this.count = count;
        }

        long count() {
            return count;
        }
    }

    private static List<Entry> entries(ByteBuffer directory, long count) throws NotAZipException {
        List<Entry> entries = new ArrayList<>();
        int at = 0;
        for (long i = 0; i < count; i++) {
            if (at + 46 > directory.limit() || directory.getInt(at) != CENTRAL) {
                throw new NotAZipException("the zip's central directory is damaged");
            }
            int host = (directory.getShort(at + 4) & 0xffff) >> 8;
            int nameLength = directory.getShort(at + 28) & 0xffff;
            int extraLength = directory.getShort(at + 30) & 0xffff;
            int commentLength = directory.getShort(at + 32) & 0xffff;
            int mode = (directory.getInt(at + 38) >>> 16) & 0xffff;
            if (at + 46 + nameLength > directory.limit()) {
                throw new NotAZipException("the zip's central directory is damaged");
            }
            byte[] name = new byte[nameLength];
            directory.get(at + 46, name);
            boolean symlink = host == UNIX_HOST && (mode & FILE_TYPE_MASK) == SYMLINK;
            entries.add(new Entry(new String(name, StandardCharsets.UTF_8), symlink));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    private static int findEnd(ByteBuffer tail) {
        for (int i = tail.limit() - END_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == END) {
                return i;
            }
        }
        return -1;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length)
            throws IOException, NotAZipException {
        if (position < 0) {
            throw new NotAZipException("the zip's central directory is damaged");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        if (buffer.hasRemaining()) {
            throw new NotAZipException("the zip is truncated");
        }
        buffer.flip();
        return buffer;
    }
}
