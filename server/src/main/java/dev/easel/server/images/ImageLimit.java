package dev.easel.server.images;

import dev.easel.server.api.FieldException;
import java.util.Locale;

/** The largest image a use accepts, checked against the header's size before any pixel is decoded. */
public record ImageLimit(int maxWidth, int maxHeight, long maxPixels) {

    /** Any shape up to {@code maxPixels}. */
    public static ImageLimit pixels(long maxPixels) {
        return new ImageLimit(Integer.MAX_VALUE, Integer.MAX_VALUE, maxPixels);
    }

    /** Up to {@code maxWidth} by {@code maxHeight}. */
    public static ImageLimit sides(int maxWidth, int maxHeight) {
        return new ImageLimit(maxWidth, maxHeight, (long) maxWidth * maxHeight);
    }

    void check(String field, int width, int height) {
        if (width > maxWidth || height > maxHeight) {
            throw new FieldException(
                    field,
                    field + " is " + width + "x" + height + " pixels; at most " + maxWidth + "x" + maxHeight
                            + " are accepted");
        }
        if ((long) width * height > maxPixels) {
            throw new FieldException(
                    field,
                    field + " is " + width + "x" + height + " pixels; at most " + maxPixels + " pixels ("
                            + String.format(Locale.ROOT, "%.1f", maxPixels / 1e6)
                            + " megapixels) are accepted");
        }
    }
}
