package dev.easel.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDataTest {

    @Test
    void transparentPixelsBecomeWhiteAndOpaqueOnesKeepTheirColour(@TempDir Path dir) throws IOException {
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000); // fully transparent black
        argb.setRGB(1, 0, 0xFFFF0000); // opaque red
        argb.setRGB(0, 1, 0xFFFF0000);
        argb.setRGB(1, 1, 0xFFFF0000);
        Path png = dir.resolve("e.png");
        ImageIO.write(argb, "png", png.toFile());

        float[] chw = ImageData.load(png, 2);
        // planes R, G, B of 4 pixels each; white is (1, 1, 1), full red is (1, -1, -1)
        assertThat(chw).hasSize(12);
        assertThat(new float[] {chw[0], chw[4], chw[8]}).containsExactly(1f, 1f, 1f);
        assertThat(new float[] {chw[1], chw[5], chw[9]}).containsExactly(1f, -1f, -1f);
        assertThat(ImageData.toImage(chw, 0, 2).getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
    }
}
