package dev.easel.engine.demo;

import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.OrtSettings;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.Generator;
import dev.easel.engine.pipeline.ProgressListener;
import dev.easel.engine.scheduler.Sampler;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Draws the demo model's contact sheet: every prompt of {@link DemoModel#PROMPTS} with seeds 1 and 2, made by the
 * engine from the shipped files.
 *
 * <p>Run: {@code ./mvnw -q -pl engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.easel.engine.demo.ContactSheet -Dexec.args=docs/contact-sheet.png} (from the repository root)
 */
public final class ContactSheet {
    private static final int CELL = 128;
    private static final int LABEL = 18;
    private static final int COLUMNS = 6;

    private ContactSheet() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "contact-sheet.png");
        int rows = DemoModel.PROMPTS.size() / COLUMNS;
        BufferedImage sheet = new BufferedImage(COLUMNS * 2 * CELL, rows * (CELL + LABEL), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        try (DiffusionModel model = DiffusionModel.load(DemoModel.folder(), OrtSettings.defaults())) {
            Generator generator = new Generator(model);
            for (int i = 0; i < DemoModel.PROMPTS.size(); i++) {
                String prompt = DemoModel.PROMPTS.get(i);
                GenerationRequest request = GenerationRequest.of(prompt, 64, 64)
                        .withSeed(1)
                        .withCount(2)
                        .withSteps(20)
                        .withCfgScale(4)
                        .withSampler(Sampler.DDIM);
                var images = generator.generate(request, ProgressListener.NONE);
                int x = (i % COLUMNS) * 2 * CELL;
                int y = (i / COLUMNS) * (CELL + LABEL);
                for (int s = 0; s < images.size(); s++) {
                    RgbImage image = images.get(s).image().resize(CELL, CELL);
                    g.drawImage(image.toBufferedImage(), x + s * CELL, y, null);
                }
                g.setColor(Color.DARK_GRAY);
                g.drawString(prompt, x + 6, y + CELL + 14);
            }
        }
        g.dispose();
        Files.write(
                out,
                PngImages.encode(
                        RgbImage.of(sheet), "Easel demo model contact sheet: DDIM, 20 steps, CFG 4, seeds 1 and 2"));
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
