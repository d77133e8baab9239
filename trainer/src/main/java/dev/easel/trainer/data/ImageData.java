package dev.easel.trainer.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Loads emoji PNGs as CHW float images in [-1, 1], composited onto white (the PNGs are transparent). */
public final class ImageData {

    private ImageData() {}

    public static float[] load(Path png, int size) throws IOException {
        BufferedImage source = ImageIO.read(png.toFile());
        if (source == null) {
            throw new IOException("not a readable image: " + png);
        }
        BufferedImage rgb = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return toChw(rgb);
    }

    static float[] toChw(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        float[] chw = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb.getRGB(x, y);
                int i = y * w + x;
                chw[i] = ((p >> 16) & 0xFF) / 127.5f - 1;
                chw[w * h + i] = ((p >> 8) & 0xFF) / 127.5f - 1;
                chw[2 * w * h + i] = (p & 0xFF) / 127.5f - 1;
            }
        }
        return chw;
    }

    /** Inverse of {@link #load}: CHW floats in [-1, 1] (clamped) to an RGB image. */
    public static BufferedImage toImage(float[] chw, int offset, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int plane = size * size;
        for (int i = 0; i < plane; i++) {
            int r = channel(chw[offset + i]);
            int g = channel(chw[offset + plane + i]);
            int b = channel(chw[offset + 2 * plane + i]);
            img.setRGB(i % size, i / size, (r << 16) | (g << 8) | b);
        }
        return img;
    }

    private static int channel(float v) {
        return Math.round(Math.max(0, Math.min(255, (v + 1) * 127.5f)));
    }
}
