package dev.easel.server.images;

import dev.easel.server.api.FieldException;
import dev.easel.server.api.TooManyRequestsException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.springframework.stereotype.Component;

/**
 * Reads uploaded PNG and JPEG images in two steps: the header (format and size, without decoding pixels) against a
 * limit, then, under a server-wide bound on concurrent decodes, the pixels. A few kilobytes can declare an image that
 * takes hundreds of megabytes and seconds to decode, so both the size and the number at once are capped.
 */
@Component
public class ImageDecoder {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final ImageProperties properties;
    private final Semaphore decodes;

    public ImageDecoder(ImageProperties properties) {
        this.properties = properties;
        this.decodes = new Semaphore(properties.maxConcurrentDecodes(), true);
    }

    /** The limit for post images and avatars ({@code easel.images.max-pixels}). */
    public ImageLimit uploadLimit() {
        return ImageLimit.pixels(properties.maxPixels());
    }

    /** @throws FieldException naming {@code field} when it is no PNG or JPEG, unreadable or over {@code limit} */
    public ImageHeader header(String field, byte[] bytes, ImageLimit limit) {
        ImageFormat format = format(field, bytes);
        return read(field, bytes, format, reader -> {
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            limit.check(field, width, height);
            return new ImageHeader(format, width, height);
        });
    }

    /**
     * The decoded image, once its header passed {@code limit}.
     *
     * @throws FieldException naming {@code field} when it is no PNG or JPEG, corrupt or over {@code limit}
     * @throws TooManyRequestsException when no decode slot frees up within {@code easel.images.decode-wait}
     */
    public BufferedImage decode(String field, byte[] bytes, ImageLimit limit) {
        ImageHeader header = header(field, bytes, limit);
        acquire();
        try {
            return read(field, bytes, header.format(), reader -> reader.read(0));
        } finally {
            decodes.release();
        }
    }

    private static ImageFormat format(String field, byte[] bytes) {
        return ImageFormat.of(bytes)
                .orElseThrow(() -> new FieldException(field, field + " must be a PNG or JPEG image"));
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = decodes.tryAcquire(properties.decodeWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new TooManyRequestsException(
                    "the server is busy decoding other images; try again shortly", RETRY_AFTER);
        }
    }

    /** One use of a reader. */
    private interface ReaderStep<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private static <T> T read(String field, byte[] bytes, ImageFormat format, ReaderStep<T> step) {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader =
                    ImageIO.getImageReadersByFormatName(format.imageIoName()).next();
            try {
                reader.setInput(input, true, true);
                return step.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (FieldException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report damaged files with all sorts of exceptions; to the client it is one problem.
            throw new FieldException(field, field + " is not a readable " + format + " image (" + e.getMessage() + ")");
        }
    }
}
