package dev.easel.trainer.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws training-loss curves (moving average, log scale) side by side, one panel per training phase. */
public final class LossCurve {

    private static final int PANEL_WIDTH = 420;
    private static final int HEIGHT = 300;
    private static final int MARGIN = 50;

    private LossCurve() {}

    /** One panel: its title and the per-step losses. */
    public record Series(String title, List<Float> losses) {}

    public static void write(Path png, List<Series> panels) throws IOException {
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), HEIGHT);
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, i * PANEL_WIDTH, panels.get(i));
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static void drawPanel(Graphics2D g, int left, Series series) {
        double[] smooth =
                movingAverage(series.losses(), Math.max(1, series.losses().size() / 100));
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : smooth) {
            min = Math.min(min, Math.log10(v));
            max = Math.max(max, Math.log10(v));
        }
        max = Math.max(max, min + 1e-3);
        int x0 = left + MARGIN;
        int y0 = HEIGHT - MARGIN;
        int w = PANEL_WIDTH - MARGIN - 15;
        int h = HEIGHT - MARGIN - 30;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(series.title() + " (moving average, log scale)", x0, 20);
        g.drawLine(x0, y0, x0 + w, y0);
        g.drawLine(x0, y0, x0, y0 - h);
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, max)), left + 2, y0 - h + 4);
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, min)), left + 2, y0);
        g.drawString("step " + series.losses().size(), x0 + w - 70, y0 + 20);
        g.drawString("0", x0, y0 + 20);
        g.setColor(new Color(0x1f77b4));
        g.setStroke(new BasicStroke(1.5f));
        for (int i = 1; i < smooth.length; i++) {
            int xa = x0 + (int) ((long) w * (i - 1) / Math.max(1, smooth.length - 1));
            int xb = x0 + (int) ((long) w * i / Math.max(1, smooth.length - 1));
            int ya = y0 - (int) (h * (Math.log10(smooth[i - 1]) - min) / (max - min));
            int yb = y0 - (int) (h * (Math.log10(smooth[i]) - min) / (max - min));
            g.drawLine(xa, ya, xb, yb);
        }
    }

    /** Trailing average over {@code window} steps, one value per step; non-finite (skipped) steps are left out. */
    static double[] movingAverage(List<Float> values, int window) {
        double[] out = new double[values.size()];
        double sum = 0;
        int count = 0;
        double last = Double.NaN;
        for (int i = 0; i < values.size(); i++) {
            float added = values.get(i);
            if (Float.isFinite(added)) {
                sum += added;
                count++;
            }
            if (i >= window && Float.isFinite(values.get(i - window))) {
                sum -= values.get(i - window);
                count--;
            }
            last = count > 0 ? sum / count : last;
            out[i] = last;
        }
        return out;
    }
}
