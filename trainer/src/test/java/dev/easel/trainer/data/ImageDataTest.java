package dev.easel.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDataTest {

    @Test
    void transparentPixelsBecomeWhiteAndOpaqueOnesKeepTheirColour(@TempDir Path dir) throws IOException {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000); // fully transparent black
        argb.setRGB(1, 0, 0xFFFF0000); // opaque red
        Path png = dir.resolve("e.png");
        ImageIO.write(argb, "png", png.toFile());

        float[] chw = ImageData.load(png, 2);
        // planes: R = [p0, p1], G, B; white is 1, full red is (1, -1, -1)
        assertThat(chw[0]).isCloseTo(1f, within(1e-6f));
        assertThat(chw[2]).isCloseTo(1f, within(1e-6f));
        assertThat(chw[1]).isCloseTo(1f, within(1e-6f));
        assertThat(chw[3]).isCloseTo(-1f, within(1e-6f));
        assertThat(chw[5]).isCloseTo(-1f, within(1e-6f));
        assertThat(ImageData.toImage(chw, 0, 2).getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
    }
}
