package dev.easel.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.easel.engine.InvalidRequestException;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RgbImageTest {

    @Test
    void fromChwMapsMinusOneToZeroOneTo255AndZeroTo128() {
        // One pixel per value; R, G and B planes carry the same values so every channel is checked.
        float[] values = {-1f, 1f, 0f, -0.5f, 0.5f};
        float[] chw = new float[values.length * 3];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(values, 0, chw, c * values.length, values.length);
        }
        RgbImage image = RgbImage.fromChw(chw, values.length, 1);

        // (x + 1) / 2 * 255: -1 -> 0, 1 -> 255, 0 -> 127.5 -> 128, -0.5 -> 63.75 -> 64, 0.5 -> 191.25 -> 191
        int[] expected = {0, 255, 128, 64, 191};
        for (int x = 0; x < values.length; x++) {
            assertThat(image.pixel(x, 0)).containsExactly(expected[x], expected[x], expected[x]);
        }
    }

    @Test
    void fromChwClampsOutOfRangeValues() {
        float[] chw = {-3f, 1.5f, Float.NEGATIVE_INFINITY, 40f, -1.0001f, Float.POSITIVE_INFINITY};
        RgbImage image = RgbImage.fromChw(chw, 2, 1);

        assertThat(image.pixel(0, 0)).containsExactly(0, 0, 0);
        assertThat(image.pixel(1, 0)).containsExactly(255, 255, 255);
    }

    @Test
    void fromChwReadsPlanesIntoInterleavedPixels() {
        // 2x2 image; plane index = c * 4 + y * 2 + x. Values chosen as exact inputs for 0, 51, 102, ... (k / 255 * 2 -
        // 1).
        int[][] pixels = {{0, 51, 102}, {153, 204, 255}, {255, 0, 51}, {102, 153, 204}};
        float[] chw = new float[12];
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                chw[c * 4 + i] = pixels[i][c] / 255f * 2f - 1f;
            }
        }
        RgbImage image = RgbImage.fromChw(chw, 2, 2);

        assertThat(image.pixel(0, 0)).containsExactly(pixels[0]);
        assertThat(image.pixel(1, 0)).containsExactly(pixels[1]);
        assertThat(image.pixel(0, 1)).containsExactly(pixels[2]);
        assertThat(image.pixel(1, 1)).containsExactly(pixels[3]);
        assertThat(image.rgb()).containsExactly(0, 51, 102, 153, 204, 255, 255, 0, 51, 102, 153, 204);
    }

    @Test
    void toChwMapsPixelsToMinusOneToOnePlanes() {
        RgbImage image = new RgbImage(2, 1, new byte[] {0, (byte) 255, 51, (byte) 128, 1, (byte) 254});

        float[] chw = image.toChw();

        // plane R = [0, 128], G = [255, 1], B = [51, 254]; x / 255 * 2 - 1
        assertThat(chw).hasSize(6);
        assertThat(chw[0]).isEqualTo(-1f);
        assertThat(chw[1]).isCloseTo(128 / 255f * 2 - 1, within(1e-6f));
        assertThat(chw[2]).isEqualTo(1f);
        assertThat(chw[3]).isCloseTo(-253 / 255f, within(1e-6f));
        assertThat(chw[4]).isCloseTo(-0.6f, within(1e-6f));
        assertThat(chw[5]).isCloseTo(253 / 255f, within(1e-6f));
    }

    @Test
    void everyByteValueSurvivesToChwAndBack() {
        byte[] rgb = new byte[256 * 3];
        for (int v = 0; v < 256; v++) {
            rgb[v * 3] = (byte) v;
            rgb[v * 3 + 1] = (byte) (255 - v);
            rgb[v * 3 + 2] = (byte) (v * 7);
        }
        RgbImage image = new RgbImage(16, 16, rgb);

        assertThat(RgbImage.fromChw(image.toChw(), 16, 16)).isEqualTo(image);
    }

    @Test
    void rejectsSizesThatDoNotMatchThePixels() {
        assertThatThrownBy(() -> new RgbImage(2, 2, new byte[11]))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("expected 12 RGB bytes for 2x2, got 11");
        assertThatThrownBy(() -> new RgbImage(0, 2, new byte[0]))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RgbImage.fromChw(new float[11], 2, 2))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("expected 12 CHW floats");
        assertThatThrownBy(() -> new RgbImage(100_000, 100_000, new byte[3]))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void isImmutableAndComparesByContent() {
        byte[] rgb = {1, 2, 3};
        RgbImage image = new RgbImage(1, 1, rgb);
        rgb[0] = 99;
        image.rgb()[1] = 99;

        assertThat(image.pixel(0, 0)).containsExactly(1, 2, 3);
        assertThat(image).isEqualTo(new RgbImage(1, 1, new byte[] {1, 2, 3}));
        assertThat(image).hasSameHashCodeAs(new RgbImage(1, 1, new byte[] {1, 2, 3}));
        assertThat(image).isNotEqualTo(new RgbImage(1, 1, new byte[] {1, 2, 4}));
        assertThatThrownBy(() -> image.pixel(1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void resizeGivesTheRequestedSizeAndKeepsAUniformColour() {
        RgbImage orange = uniform(37, 23, 230, 120, 7);

        for (int[] size : new int[][] {{64, 64}, {5, 7}, {1, 1}, {37, 100}, {300, 2}}) {
            RgbImage resized = orange.resize(size[0], size[1]);
            assertThat(resized.width()).isEqualTo(size[0]);
            assertThat(resized.height()).isEqualTo(size[1]);
            assertThat(resized).isEqualTo(uniform(size[0], size[1], 230, 120, 7));
        }
        assertThat(uniform(1, 1, 9, 8, 7).resize(4, 3)).isEqualTo(uniform(4, 3, 9, 8, 7));
    }

    @Test
    void halvingALinearRampAveragesNeighbourPairs() {
        // Red = 4x. Halving centres each output pixel between source pixels 2i and 2i+1, so a symmetric filter
        // reproduces the ramp there: 4 * (2i + 0.5) = 8i + 2, away from the 6-pixel filter reach at the borders.
        byte[] rgb = new byte[64 * 4 * 3];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 64; x++) {
                rgb[(y * 64 + x) * 3] = (byte) (4 * x);
            }
        }
        RgbImage halved = new RgbImage(64, 4, rgb).resize(32, 2);

        for (int x = 3; x < 29; x++) {
            assertThat(halved.pixel(x, 1)[0]).as("x=%d", x).isEqualTo(8 * x + 2);
        }
    }

    @Test
    void shrinkingFineStripesAveragesThemInsteadOfAliasing() {
        // One-pixel black and white stripes shrunk by 3: each output pixel is centred on a source pixel. A filter
        // that is not widened by the scale factor sees only that pixel (Lanczos is zero at whole-pixel offsets) and
        // yields pure black or white; an antialiased one mixes about equal parts of both.
        int width = 60;
        byte[] rgb = new byte[width * 2 * 3];
        for (int i = 0; i < width * 2; i++) {
            Arrays.fill(rgb, i * 3, i * 3 + 3, (byte) ((i % width) % 2 == 0 ? 255 : 0));
        }
        RgbImage shrunk = new RgbImage(width, 2, rgb).resize(width / 3, 2);

        for (int x = 2; x < width / 3 - 2; x++) {
            assertThat(shrunk.pixel(x, 0)[0]).as("x=%d", x).isBetween(96, 159);
        }
    }

    @Test
    void enlargingARampStaysCloseToLinearInterpolation() {
        // Green = 20x on 12 pixels, doubled: output pixel i samples source position (i + 0.5) / 2 - 0.5.
        byte[] rgb = new byte[12 * 3];
        for (int x = 0; x < 12; x++) {
            rgb[x * 3 + 1] = (byte) (20 * x);
        }
        RgbImage doubled = new RgbImage(12, 1, rgb).resize(24, 1);

        for (int i = 6; i < 18; i++) {
            double expected = 20 * ((i + 0.5) / 2 - 0.5);
            assertThat((double) doubled.pixel(i, 0)[1]).as("i=%d", i).isCloseTo(expected, within(1.0));
        }
    }

    @Test
    void convertsToAndFromBufferedImage() {
        RgbImage image = new RgbImage(2, 1, new byte[] {10, 20, 30, (byte) 200, (byte) 150, 5});

        BufferedImage buffered = image.toBufferedImage();

        assertThat(buffered.getRGB(0, 0) & 0xFFFFFF).isEqualTo(10 << 16 | 20 << 8 | 30);
        assertThat(buffered.getRGB(1, 0) & 0xFFFFFF).isEqualTo(200 << 16 | 150 << 8 | 5);
        assertThat(RgbImage.of(buffered)).isEqualTo(image);
    }

    @Test
    void ofKeepsGreyValuesWithoutAGammaCurve() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 50);

        RgbImage image = RgbImage.of(grey);

        assertThat(image.pixel(0, 0)).containsExactly(128, 128, 128);
        assertThat(image.pixel(1, 0)).containsExactly(50, 50, 50);
    }

    @Test
    void ofFlattensTransparencyOntoWhite() {
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000); // fully transparent black
        argb.setRGB(1, 0, 0x80FF0000); // half-transparent red
        argb.setRGB(2, 0, 0xFF102030); // opaque

        RgbImage image = RgbImage.of(argb);

        int halfWhite = (int) Math.round(255 * (1 - 128 / 255.0)); // 0 * a + 255 * (1 - a)
        assertThat(image.pixel(0, 0)).containsExactly(255, 255, 255);
        assertThat(image.pixel(1, 0)).containsExactly(255, halfWhite, halfWhite);
        assertThat(image.pixel(2, 0)).containsExactly(0x10, 0x20, 0x30);
    }

    static RgbImage uniform(int width, int height, int r, int g, int b) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return new RgbImage(width, height, rgb);
    }
}
