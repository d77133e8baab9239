package dev.easel.engine.image;

import dev.easel.engine.InvalidRequestException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.util.Arrays;
import java.util.Objects;

/**
 * 8-bit RGB pixels, row-major, 3 bytes per pixel (R, G, B). Immutable: the array is copied on the way in and out, so
 * an image can be cached and shared between requests.
 */
@SuppressWarnings("ArrayRecordComponent") // equals, hashCode and toString are overridden to use the contents
public record RgbImage(int width, int height, byte[] rgb) {
    private static final int CHANNELS = 3;
    private static final int WHITE = 255;

    public RgbImage {
        checkSize(width, height);
        if (rgb == null || rgb.length != (long) width * height * CHANNELS) {
            throw new InvalidRequestException("image: expected " + (long) width * height * CHANNELS + " RGB bytes for "
                    + width + "x" + height + ", got " + (rgb == null ? "none" : rgb.length));
        }
        rgb = rgb.clone();
    }

    /** A copy of the pixels, row-major R, G, B bytes. */
    @Override
    public byte[] rgb() {
        return rgb.clone();
    }

    /** Red, green and blue of one pixel as 0..255 values. */
    public int[] pixel(int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        int i = (y * width + x) * CHANNELS;
        return new int[] {rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF};
    }

    /**
     * Pixels from a VAE decoder output: planar CHW floats in [-1, 1]. Maps like diffusers' postprocessing,
     * {@code round(clamp((x + 1) / 2, 0, 1) * 255)}; values outside the range clamp, NaN becomes 0.
     */
    public static RgbImage fromChw(float[] chw, int width, int height) {
        checkSize(width, height);
        int plane = width * height;
        if (chw.length != (long) plane * CHANNELS) {
            throw new InvalidRequestException("image: expected " + (long) plane * CHANNELS + " CHW floats for " + width
                    + "x" + height + ", got " + chw.length);
        }
        byte[] rgb = new byte[plane * CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < plane; i++) {
                float unit = Math.clamp((chw[c * plane + i] + 1f) / 2f, 0f, 1f);
                rgb[i * CHANNELS + c] = (byte) Math.round(unit * 255f);
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /** Planar CHW floats in [-1, 1] ({@code x / 255 * 2 - 1}), the input range of the VAE encoder. */
    public float[] toChw() {
        int plane = width * height;
        float[] chw = new float[plane * CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < plane; i++) {
                chw[c * plane + i] = (rgb[i * CHANNELS + c] & 0xFF) / 255f * 2f - 1f;
            }
        }
        return chw;
    }

    /**
     * Stretches to the given size without keeping the aspect ratio, as A1111's "Just resize" does, with an
     * antialiased Lanczos filter.
     */
    public RgbImage resize(int newWidth, int newHeight) {
        checkSize(newWidth, newHeight);
        if (newWidth == width && newHeight == height) {
            return this;
        }
        return new RgbImage(newWidth, newHeight, LanczosResampler.resize(rgb, width, height, newWidth, newHeight));
    }

    /** A {@link BufferedImage#TYPE_3BYTE_BGR} copy, for ImageIO and Java2D. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += CHANNELS) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return image;
    }

    /**
     * The sRGB pixels of any image. Transparency is flattened onto white, as A1111 does with init images; grey
     * images keep their sample values (Java's own conversion would apply a linear-to-sRGB curve to them).
     */
    public static RgbImage of(BufferedImage image) {
        checkSize(image.getWidth(), image.getHeight());
        boolean componentGrey = image.getColorModel() instanceof ComponentColorModel
                && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        return componentGrey ? fromGrey(image) : fromArgb(image);
    }

    private static RgbImage fromArgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[argb.length * CHANNELS];
        for (int i = 0; i < argb.length; i++) {
            int alpha = argb[i] >>> 24;
            rgb[i * CHANNELS] = (byte) overWhite((argb[i] >> 16) & 0xFF, alpha, 255);
            rgb[i * CHANNELS + 1] = (byte) overWhite((argb[i] >> 8) & 0xFF, alpha, 255);
            rgb[i * CHANNELS + 2] = (byte) overWhite(argb[i] & 0xFF, alpha, 255);
        }
        return new RgbImage(w, h, rgb);
    }

    private static RgbImage fromGrey(BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        boolean hasAlpha = image.getColorModel().hasAlpha();
        int greyMax = (1 << image.getColorModel().getComponentSize(0)) - 1;
        int alphaMax = hasAlpha ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
        byte[] rgb = new byte[w * h * CHANNELS];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int grey = to8Bit(raster.getSample(x, y, 0), greyMax);
                int alpha = hasAlpha ? raster.getSample(x, y, 1) : alphaMax;
                byte value = (byte) overWhite(grey, alpha, alphaMax);
                int i = (y * w + x) * CHANNELS;
                rgb[i] = value;
                rgb[i + 1] = value;
                rgb[i + 2] = value;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static int to8Bit(int sample, int max) {
        return (int) Math.round(sample * 255.0 / max);
    }

    private static int overWhite(int value, int alpha, int alphaMax) {
        return (int) Math.round((value * (double) alpha + WHITE * (double) (alphaMax - alpha)) / alphaMax);
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new InvalidRequestException(
                    "image: width and height must be at least 1, got " + width + "x" + height);
        }
        if ((long) width * height * CHANNELS > Integer.MAX_VALUE - 8) {
            throw new InvalidRequestException("image: " + width + "x" + height + " is too large to hold in memory");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RgbImage that
                && width == that.width
                && height == that.height
                && Arrays.equals(rgb, that.rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
