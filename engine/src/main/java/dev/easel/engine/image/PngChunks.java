package dev.easel.engine.image;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/** The chunk structure of a PNG file: length, four-letter type, data, CRC-32 of type and data. */
final class PngChunks {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Length, type and CRC fields around each chunk's data. */
    private static final int OVERHEAD = 12;

    private PngChunks() {}

    /** One chunk of {@code png}: its type and where its data lies. */
    record Chunk(String type, int dataOffset, int length) {
        byte[] data(byte[] png) {
            return Arrays.copyOfRange(png, dataOffset, dataOffset + length);
        }
    }

    static boolean isPng(byte[] bytes) {
        return bytes.length >= SIGNATURE.length
                && Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    /** The chunks up to IEND; empty for non-PNG bytes. A truncated file yields the chunks that are complete. */
    static List<Chunk> list(byte[] png) {
        List<Chunk> chunks = new ArrayList<>();
        if (!isPng(png)) {
            return chunks;
        }
        int position = SIGNATURE.length;
        while (position + OVERHEAD <= png.length) {
            long length =
                    Integer.toUnsignedLong(ByteBuffer.wrap(png, position, 4).getInt());
            if (length > png.length - position - OVERHEAD) {
                break;
            }
            String type = new String(png, position + 4, 4, StandardCharsets.ISO_8859_1);
            chunks.add(new Chunk(type, position + 8, (int) length));
            position += OVERHEAD + (int) length;
            if (type.equals("IEND")) {
                break;
            }
        }
        return chunks;
    }

    /** A complete chunk, ready to splice into a file. */
    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(OVERHEAD + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** {@code png} with {@code chunk} inserted before the image data, where Pillow (and so A1111) puts text. */
    static byte[] insertBeforeImageData(byte[] png, byte[] chunk) {
        int at = list(png).stream()
                .filter(c -> c.type().equals("IDAT"))
                .findFirst()
                .map(c -> c.dataOffset() - 8)
                .orElseThrow(() -> new IllegalArgumentException("PNG without image data"));
        byte[] result = new byte[png.length + chunk.length];
        System.arraycopy(png, 0, result, 0, at);
        System.arraycopy(chunk, 0, result, at, chunk.length);
        System.arraycopy(png, at, result, at + chunk.length, png.length - at);
        return result;
    }
}
