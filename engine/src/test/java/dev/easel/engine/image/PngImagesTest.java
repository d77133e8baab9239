package dev.easel.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.engine.InvalidRequestException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngImagesTest {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** A chunk as found by the test's own walk over the file. */
    @SuppressWarnings("ArrayRecordComponent") // compared field by field, never as a whole
    private record Chunk(String type, byte[] data, int storedCrc) {}

    private static List<Chunk> walk(byte[] png) {
        assertThat(Arrays.copyOf(png, 8)).isEqualTo(SIGNATURE);
        List<Chunk> chunks = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(png, 8, png.length - 8);
        while (buffer.hasRemaining()) {
            int length = buffer.getInt();
            byte[] type = new byte[4];
            buffer.get(type);
            byte[] data = new byte[length];
            buffer.get(data);
            chunks.add(new Chunk(new String(type, StandardCharsets.US_ASCII), data, buffer.getInt()));
        }
        return chunks;
    }

    private static int crc(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        return (int) crc.getValue();
    }

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    private static RgbImage gradient(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (x * 255 / (width - 1));
                rgb[i + 1] = (byte) (y * 255 / (height - 1));
                rgb[i + 2] = (byte) ((x * 31 + y * 17) % 256);
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static void assertPixelsRead(byte[] png, RgbImage expected) throws IOException {
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(read.getWidth()).isEqualTo(expected.width());
        assertThat(read.getHeight()).isEqualTo(expected.height());
        byte[] rgb = expected.rgb();
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                int i = (y * expected.width() + x) * 3;
                int argb = 0xFF000000 | (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
                assertThat(read.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(argb);
            }
        }
    }

    @Test
    void latinParametersGoIntoAValidTextChunkBeforeTheImageData() throws IOException {
        RgbImage image = gradient(17, 9);
        String parameters = "café, crème brûlée\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 17x9";

        byte[] png = PngImages.encode(image, parameters);

        List<Chunk> chunks = walk(png);
        List<String> types = chunks.stream().map(Chunk::type).toList();
        assertThat(types.getFirst()).isEqualTo("IHDR");
        assertThat(types.getLast()).isEqualTo("IEND");
        assertThat(types).containsOnlyOnce("tEXt").doesNotContain("iTXt");
        assertThat(types.indexOf("tEXt")).isLessThan(types.indexOf("IDAT"));
        for (Chunk chunk : chunks) {
            assertThat(chunk.storedCrc()).as("CRC of %s", chunk.type()).isEqualTo(crc(chunk.type(), chunk.data()));
        }
        Chunk text = chunks.get(types.indexOf("tEXt"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(bytes("parameters", StandardCharsets.ISO_8859_1));
        expected.write(0);
        expected.writeBytes(bytes(parameters, StandardCharsets.ISO_8859_1));
        assertThat(text.data()).isEqualTo(expected.toByteArray());
        assertPixelsRead(png, image);
    }

    @Test
    void nonLatinParametersGoIntoAnUncompressedUtf8InternationalTextChunk() throws IOException {
        RgbImage image = gradient(8, 8);
        String parameters =
                "一只猫 🐱\nNegative prompt: 模糊\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 8x8";

        byte[] png = PngImages.encode(image, parameters);

        List<Chunk> chunks = walk(png);
        List<Chunk> texts = chunks.stream()
                .filter(c -> c.type().equals("iTXt") || c.type().equals("tEXt"))
                .toList();
        assertThat(texts).hasSize(1);
        Chunk text = texts.getFirst();
        assertThat(text.type()).isEqualTo("iTXt");
        assertThat(text.storedCrc()).isEqualTo(crc("iTXt", text.data()));
        // keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL, text
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(bytes("parameters", StandardCharsets.ISO_8859_1));
        expected.writeBytes(new byte[] {0, 0, 0, 0, 0});
        expected.writeBytes(bytes(parameters, StandardCharsets.UTF_8));
        assertThat(text.data()).isEqualTo(expected.toByteArray());
        assertPixelsRead(png, image);
        assertThat(PngImages.readParameters(png)).hasValue(parameters);
    }

    @Test
    void withoutParametersThereIsNoTextChunk() throws IOException {
        RgbImage image = gradient(5, 3);

        byte[] png = PngImages.encode(image, null);

        assertThat(walk(png)).extracting(Chunk::type).doesNotContain("tEXt", "iTXt", "zTXt");
        assertThat(PngImages.readParameters(png)).isEmpty();
        assertPixelsRead(png, image);
    }

    @Test
    void generationInfoSurvivesThePngFile() {
        GenerationInfo info = new GenerationInfo(
                "春の桜, watercolor 🌸\nsecond line",
                "blurry, 低品質",
                25,
                "DPM++ 2M Karras",
                6.5,
                123456789L,
                64,
                48,
                "abcdef1234",
                "tiny",
                OptionalDouble.of(0.6),
                Map.of("Lora hashes", "a: 1, b: 2"));

        byte[] png = PngImages.encode(gradient(64, 48), info.toParameters());

        assertThat(PngImages.readParameters(png).map(GenerationInfo::parse)).hasValue(info);
        assertThat(PngImages.decode(png)).isEqualTo(gradient(64, 48));
    }

    @Test
    void readsCompressedAndOtherKeywordTextChunks() throws IOException {
        byte[] plain = PngImages.encode(gradient(4, 4), null);
        String parameters = "a fox\nSteps: 8, Sampler: Euler, CFG scale: 2, Seed: 5, Size: 4x4";

        // zTXt: keyword NUL method(0) zlib(Latin-1 text); preceded by a tEXt with another keyword that must be skipped
        byte[] comment = concat(
                bytes("Comment", StandardCharsets.ISO_8859_1),
                new byte[] {0},
                bytes("hi", StandardCharsets.ISO_8859_1));
        byte[] ztxt = concat(
                bytes("parameters", StandardCharsets.ISO_8859_1),
                new byte[] {0, 0},
                zlib(bytes(parameters, StandardCharsets.ISO_8859_1)));
        byte[] withZtxt = insertAfterHeader(plain, concat(chunk("tEXt", comment), chunk("zTXt", ztxt)));
        assertThat(PngImages.readParameters(withZtxt)).hasValue(parameters);

        // iTXt with compression flag 1, a language tag and a translated keyword
        String unicode = "狐狸\n" + parameters;
        byte[] itxt = concat(
                bytes("parameters", StandardCharsets.ISO_8859_1),
                new byte[] {0, 1, 0},
                bytes("zh", StandardCharsets.US_ASCII),
                new byte[] {0},
                bytes("参数", StandardCharsets.UTF_8),
                new byte[] {0},
                zlib(bytes(unicode, StandardCharsets.UTF_8)));
        byte[] withItxt = insertAfterHeader(plain, chunk("iTXt", itxt));
        assertThat(PngImages.readParameters(withItxt)).hasValue(unicode);
        assertThat(PngImages.decode(withItxt)).isEqualTo(gradient(4, 4));
    }

    @Test
    void readParametersOfSomethingElseIsEmpty() {
        assertThat(PngImages.readParameters("not a png at all".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
        assertThat(PngImages.readParameters(new byte[0])).isEmpty();
        byte[] png = PngImages.encode(gradient(4, 4), "x\nSteps: 1, Sampler: Euler, CFG scale: 1, Seed: 1, Size: 4x4");
        assertThat(PngImages.readParameters(Arrays.copyOf(png, 20))).isEmpty();
    }

    @Test
    void corruptCompressedParametersAreReported() {
        byte[] plain = PngImages.encode(gradient(4, 4), null);
        byte[] ztxt = concat(bytes("parameters", StandardCharsets.ISO_8859_1), new byte[] {0, 0, 1, 2, 3, 4});

        assertThatThrownBy(() -> PngImages.readParameters(insertAfterHeader(plain, chunk("zTXt", ztxt))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void decodesJpeg() throws IOException {
        BufferedImage colour = RgbImageTest.uniform(16, 16, 200, 100, 50).toBufferedImage();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertThat(ImageIO.write(colour, "jpg", jpeg)).isTrue();

        RgbImage image = PngImages.decode(jpeg.toByteArray());

        assertThat(image.width()).isEqualTo(16);
        assertThat(image.height()).isEqualTo(16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int[] pixel = image.pixel(x, y);
                // JPEG is lossy: a flat colour comes back within a few levels
                assertThat(pixel[0]).isBetween(196, 204);
                assertThat(pixel[1]).isBetween(96, 104);
                assertThat(pixel[2]).isBetween(46, 54);
            }
        }
    }

    @Test
    void decodesGreyJpegWithoutChangingTheGreyLevel() throws IOException {
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                grey.getRaster().setSample(x, y, 0, 128);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertThat(ImageIO.write(grey, "jpg", jpeg)).isTrue();

        int[] pixel = PngImages.decode(jpeg.toByteArray()).pixel(3, 3);

        assertThat(pixel[0]).isBetween(126, 130);
        assertThat(pixel[1]).isEqualTo(pixel[0]);
        assertThat(pixel[2]).isEqualTo(pixel[0]);
    }

    @Test
    void rejectsBytesThatAreNotAnImage() {
        assertThatThrownBy(() -> PngImages.decode("hello, world".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("init image: not a PNG or JPEG file");
        assertThatThrownBy(() -> PngImages.decode(new byte[0]))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("init image: empty");
        assertThatThrownBy(() -> PngImages.decode(new byte[] {1, 2, 3}, "mask"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("mask: not a PNG or JPEG file");
    }

    @Test
    void rejectsATruncatedPng() {
        byte[] png = PngImages.encode(gradient(32, 32), null);
        byte[] truncated = Arrays.copyOf(png, png.length / 2);

        assertThatThrownBy(() -> PngImages.decode(truncated))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("init image: corrupt or unsupported PNG file");
    }

    @Test
    void rejectsImagesLargerThanTheLimitBeforeDecodingThem() {
        // Rewrite the header of a small PNG to claim 10000x10000 pixels (the CRC is fixed so only the size is wrong).
        byte[] png = PngImages.encode(gradient(4, 4), null);
        ByteBuffer header = ByteBuffer.wrap(png);
        header.putInt(16, 10_000).putInt(20, 10_000);
        header.putInt(29, crc("IHDR", Arrays.copyOfRange(png, 16, 29)));

        assertThatThrownBy(() -> PngImages.decode(png))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("10000x10000 is larger than the " + (1L << 25) + " pixels accepted");
    }

    private static byte[] chunk(String type, byte[] data) {
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(type.getBytes(StandardCharsets.US_ASCII))
                .put(data)
                .putInt(crc(type, data))
                .array();
    }

    /** Signature (8) + IHDR (12 + 13) = 33 bytes, after which any ancillary chunk may go. */
    private static byte[] insertAfterHeader(byte[] png, byte[] chunks) {
        return concat(Arrays.copyOf(png, 33), chunks, Arrays.copyOfRange(png, 33, png.length));
    }

    private static byte[] zlib(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
