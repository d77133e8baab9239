package dev.easel.server.compat;

import dev.easel.server.api.FieldException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.InflaterInputStream;

/**
 * The text chunks (tEXt, zTXt, iTXt) of a PNG file as keyword → text, in file order, the first of a repeated keyword
 * winning (as Pillow's {@code info} keeps them). Compressed text is inflated up to a total budget, so that a small
 * upload cannot inflate into gigabytes.
 */
final class PngTextChunks {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Length, type and CRC around each chunk's data. */
    private static final int CHUNK_OVERHEAD = 12;
    /** Most text, in bytes, all the chunks of one image may hold once inflated. */
    static final int MAX_TEXT_BYTES = 4 << 20;

    private PngTextChunks() {}

    /**
     * Reads the text chunks of {@code png}.
     *
     * @param field the request field the bytes came from, named by errors
     * @throws FieldException when the bytes are not a PNG file, or its text is corrupt or over the budget
     */
    static Map<String, String> read(String field, byte[] png) {
        if (png.length < SIGNATURE.length + CHUNK_OVERHEAD
                || !Arrays.equals(png, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)
                || !"IHDR".equals(type(png, SIGNATURE.length))) {
            throw new FieldException(field, field + ": not a PNG image");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        int budget = MAX_TEXT_BYTES;
        int position = SIGNATURE.length;
        while (position + CHUNK_OVERHEAD <= png.length) {
            long length =
                    Integer.toUnsignedLong(ByteBuffer.wrap(png, position, 4).getInt());
            if (length > png.length - position - CHUNK_OVERHEAD) {
                break; // truncated: keep what was complete, as readers of damaged files do
            }
            String type = type(png, position);
            byte[] data = Arrays.copyOfRange(png, position + 8, position + 8 + (int) length);
            TextChunk text =
                    switch (type) {
                        case "tEXt" -> latin(data, false, budget, field);
                        case "zTXt" -> latin(data, true, budget, field);
                        case "iTXt" -> international(data, budget, field);
                        default -> null;
                    };
            if (text != null) {
                budget -= text.bytes();
                texts.putIfAbsent(text.keyword(), text.text());
            }
            if (type.equals("IEND")) {
                break;
            }
            position += CHUNK_OVERHEAD + (int) length;
        }
        return texts;
    }

    private record TextChunk(String keyword, String text, int bytes) {}

    private static String type(byte[] png, int chunkStart) {
        return new String(png, chunkStart + 4, 4, StandardCharsets.ISO_8859_1);
    }

    /** tEXt: keyword NUL text; zTXt: keyword NUL method compressed-text. Both Latin-1. */
    private static TextChunk latin(byte[] data, boolean compressed, int budget, String field) {
        int keywordEnd = indexOfNul(data, 0);
        if (keywordEnd < 1) {
            return null;
        }
        int start = keywordEnd + (compressed ? 2 : 1);
        return text(data, keywordEnd, start, compressed, StandardCharsets.ISO_8859_1, budget, field);
    }

    /** iTXt: keyword NUL flag method language NUL translated-keyword NUL text, in UTF-8. */
    private static TextChunk international(byte[] data, int budget, String field) {
        int keywordEnd = indexOfNul(data, 0);
        if (keywordEnd < 1 || keywordEnd + 3 > data.length) {
            return null;
        }
        boolean compressed = data[keywordEnd + 1] != 0;
        int languageEnd = indexOfNul(data, keywordEnd + 3);
        int translatedEnd = languageEnd < 0 ? -1 : indexOfNul(data, languageEnd + 1);
        if (translatedEnd < 0) {
            return null;
        }
        return text(data, keywordEnd, translatedEnd + 1, compressed, StandardCharsets.UTF_8, budget, field);
    }

    private static TextChunk text(
            byte[] data, int keywordEnd, int start, boolean compressed, Charset charset, int budget, String field) {
        String keyword = new String(data, 0, keywordEnd, StandardCharsets.ISO_8859_1);
        int from = Math.min(start, data.length);
        byte[] bytes = compressed ? inflate(data, from, budget, field) : Arrays.copyOfRange(data, from, data.length);
        if (bytes.length > budget) {
            throw tooMuchText(field);
        }
        return new TextChunk(keyword, new String(bytes, charset), bytes.length);
    }

    private static byte[] inflate(byte[] data, int from, int budget, String field) {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(data, from, data.length - from))) {
            byte[] text = in.readNBytes(budget + 1);
            if (text.length > budget) {
                throw tooMuchText(field);
            }
            return text;
        } catch (IOException e) {
            throw new FieldException(field, field + ": a compressed text chunk is corrupt (" + e.getMessage() + ")");
        }
    }

    private static FieldException tooMuchText(String field) {
        return new FieldException(
                field, field + ": the PNG's text chunks hold more than " + MAX_TEXT_BYTES + " bytes of text");
    }

    private static int indexOfNul(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
