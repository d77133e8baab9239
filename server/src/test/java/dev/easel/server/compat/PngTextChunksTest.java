package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.server.api.FieldException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class PngTextChunksTest {
    private static final byte[] PNG = PngImages.encode(new RgbImage(2, 2, new byte[12]), "prompt\nSteps: 1");

    @Test
    void readsTextCompressedTextAndInternationalTextInFileOrder() throws Exception {
        byte[] png = insert(PNG, chunk("zTXt", concat(latin("Comment\0\0"), deflate(latin("squeezed")))));
        png = insert(png, chunk("iTXt", concat(latin("Title\0\0\0\0\0"), "Äpfel".getBytes(StandardCharsets.UTF_8))));

        assertThat(PngTextChunks.read("image", png))
                .containsExactly(
                        java.util.Map.entry("Title", "Äpfel"),
                        java.util.Map.entry("Comment", "squeezed"),
                        java.util.Map.entry("parameters", "prompt\nSteps: 1"));
    }

    @Test
    void compressedTextOverTheBudgetIsRefusedRatherThanInflated() throws Exception {
        byte[] bomb = deflate(new byte[PngTextChunks.MAX_TEXT_BYTES + 1]);
        byte[] png = insert(PNG, chunk("zTXt", concat(latin("Comment\0\0"), bomb)));

        assertThatThrownBy(() -> PngTextChunks.read("image", png))
                .isInstanceOf(FieldException.class)
                .hasMessageContaining("image: the PNG's text chunks hold more than");
    }

    @Test
    void bytesThatAreNoPngAreRefusedNamingTheField() {
        assertThatThrownBy(() -> PngTextChunks.read("image", latin("GIF89a and more bytes than that")))
                .isInstanceOf(FieldException.class)
                .hasMessage("image: not a PNG image");
    }

    private static byte[] latin(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] deflate(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(latin(type)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        return chunk.putInt((int) crc.getValue()).array();
    }

    /** The chunk right after the PNG's header chunk. */
    private static byte[] insert(byte[] png, byte[] chunk) {
        int afterHeader = 8 + 12 + 13;
        return ByteBuffer.allocate(png.length + chunk.length)
                .put(png, 0, afterHeader)
                .put(chunk)
                .put(png, afterHeader, png.length - afterHeader)
                .array();
    }
}
