package dev.easel.engine.image;

import dev.easel.engine.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.InflaterInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** PNG files carrying A1111's "parameters" text chunk, and decoding of uploaded images. */
public final class PngImages {
    /** The text chunk keyword A1111 reads and writes. */
    public static final String PARAMETERS_KEYWORD = "parameters";
    /** Largest image {@link #decode} accepts (32 megapixels, e.g. 8192x4096), so an upload cannot exhaust memory. */
    public static final long MAX_DECODED_PIXELS = 1L << 25;
    /** Largest "parameters" text read from a compressed chunk, so a zip bomb cannot exhaust memory. */
    private static final int MAX_TEXT_BYTES = 1 << 20;

    private PngImages() {}

    /**
     * A PNG of the image. With {@code parameters}, it carries them in a "parameters" text chunk as A1111 does: tEXt
     * when the text is Latin-1, otherwise an uncompressed UTF-8 iTXt.
     */
    public static byte[] encode(RgbImage image, String parameters) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        // A memory-cached stream: ImageIO's default may spill to temporary files.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image.toBufferedImage());
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory failed", e);
        } finally {
            writer.dispose();
        }
        byte[] png = out.toByteArray();
        return parameters == null ? png : PngChunks.insertBeforeImageData(png, textChunk(parameters));
    }

    private static byte[] textChunk(String text) {
        byte[] keyword = PARAMETERS_KEYWORD.getBytes(StandardCharsets.ISO_8859_1);
        if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            return PngChunks.chunk("tEXt", concat(keyword, new byte[] {0}, text.getBytes(StandardCharsets.ISO_8859_1)));
        }
        // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8 text
        return PngChunks.chunk(
                "iTXt", concat(keyword, new byte[] {0, 0, 0, 0, 0}, text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The text of the first "parameters" chunk (tEXt, zTXt or iTXt), empty when there is none or the bytes are not a
     * PNG.
     */
    public static Optional<String> readParameters(byte[] png) {
        for (PngChunks.Chunk chunk : PngChunks.list(png)) {
            Optional<String> text =
                    switch (chunk.type()) {
                        case "tEXt" -> latinText(chunk.data(png), false);
                        case "zTXt" -> latinText(chunk.data(png), true);
                        case "iTXt" -> internationalText(chunk.data(png));
                        default -> Optional.empty();
                    };
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    /** tEXt: keyword NUL text; zTXt: keyword NUL method compressed-text. Both Latin-1. */
    private static Optional<String> latinText(byte[] data, boolean compressed) {
        int keywordEnd = indexOfNul(data, 0);
        if (!isParametersKeyword(data, keywordEnd)) {
            return Optional.empty();
        }
        int textStart = keywordEnd + (compressed ? 2 : 1);
        return Optional.of(text(data, textStart, compressed, StandardCharsets.ISO_8859_1));
    }

    /** iTXt: keyword NUL flag method language NUL translated-keyword NUL text, text in UTF-8. */
    private static Optional<String> internationalText(byte[] data) {
        int keywordEnd = indexOfNul(data, 0);
        if (!isParametersKeyword(data, keywordEnd) || keywordEnd + 2 >= data.length) {
            return Optional.empty();
        }
        boolean compressed = data[keywordEnd + 1] != 0;
        int languageEnd = indexOfNul(data, keywordEnd + 3);
        int translatedKeywordEnd = languageEnd < 0 ? -1 : indexOfNul(data, languageEnd + 1);
        if (translatedKeywordEnd < 0) {
            return Optional.empty();
        }
        return Optional.of(text(data, translatedKeywordEnd + 1, compressed, StandardCharsets.UTF_8));
    }

    private static String text(byte[] data, int start, boolean compressed, Charset charset) {
        int from = Math.min(start, data.length);
        if (!compressed) {
            return new String(data, from, data.length - from, charset);
        }
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(data, from, data.length - from))) {
            byte[] text = in.readNBytes(MAX_TEXT_BYTES + 1);
            if (text.length > MAX_TEXT_BYTES) {
                throw new InvalidRequestException(
                        "image: the 'parameters' text chunk inflates to more than " + MAX_TEXT_BYTES + " bytes");
            }
            return new String(text, charset);
        } catch (IOException e) {
            throw new InvalidRequestException(
                    "image: the compressed 'parameters' text chunk is corrupt (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isParametersKeyword(byte[] data, int keywordEnd) {
        return keywordEnd >= 0
                && PARAMETERS_KEYWORD.equals(new String(data, 0, keywordEnd, StandardCharsets.ISO_8859_1));
    }

    private static int indexOfNul(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Decodes an init image; see {@link #decode(byte[], String)}. */
    public static RgbImage decode(byte[] imageBytes) {
        return decode(imageBytes, "init image");
    }

    /**
     * Decodes a PNG, JPEG or other format ImageIO reads (GIF, BMP, TIFF) to RGB, flattening transparency onto
     * white. Bad input fails with an {@link InvalidRequestException} whose message starts with {@code field}.
     */
    public static RgbImage decode(byte[] imageBytes, String field) {
        if (imageBytes == null || imageBytes.length == 0) {
            throw new InvalidRequestException(field + ": empty, expected a PNG or JPEG file");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(imageBytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidRequestException(field + ": not a PNG or JPEG file");
            }
            ImageReader reader = readers.next();
            try {
                return read(reader, in, field);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidRequestException(field + ": unreadable image data (" + e.getMessage() + ")", e);
        }
    }

    private static RgbImage read(ImageReader reader, ImageInputStream in, String field) {
        String format = reader.getOriginatingProvider().getFormatNames()[0].toUpperCase(Locale.ROOT);
        try {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > MAX_DECODED_PIXELS) {
                throw new InvalidRequestException(field + ": " + width + "x" + height + " is larger than the "
                        + MAX_DECODED_PIXELS + " pixels accepted");
            }
            return RgbImage.of(reader.read(0));
        } catch (InvalidRequestException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report damaged files with all sorts of exceptions; to the user it is one problem.
            throw new InvalidRequestException(
                    field + ": corrupt or unsupported " + format + " file (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] result = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, result, at, part.length);
            at += part.length;
        }
        return result;
    }
}
