package dev.easel.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.OrtSettings;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.Generator;
import dev.easel.engine.pipeline.ProgressListener;
import dev.easel.engine.scheduler.Sampler;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped demo model through the engine. Its training images are emoji composited onto white with a margin,
 * so real samples have white borders, a coloured object in the middle and smooth regions; noise has none of these.
 */
class DemoModelTest {
    static DiffusionModel model;
    static Generator generator;

    @BeforeAll
    static void load() {
        model = DiffusionModel.load(DemoModel.folder(), OrtSettings.defaults());
        generator = new Generator(model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static RgbImage generate(String prompt, long seed, double cfg) {
        GenerationRequest request = GenerationRequest.of(prompt, 64, 64)
                .withSeed(seed)
                .withSteps(20)
                .withCfgScale(cfg)
                .withSampler(Sampler.DDIM);
        return generator.generate(request, ProgressListener.NONE).get(0).image();
    }

    @Test
    void samePromptAndSeedGiveIdenticalPixels() {
        assertThat(generate("red heart", 5, 4).rgb())
                .isEqualTo(generate("red heart", 5, 4).rgb());
    }

    @Test
    void seedsAndGuidanceChangeTheImage() {
        RgbImage base = generate("cat face", 1, 4);
        assertThat(meanAbsDifference(base, generate("cat face", 2, 4))).isGreaterThan(5);
        assertThat(meanAbsDifference(base, generate("cat face", 1, 1))).isGreaterThan(2);
    }

    @Test
    void samplesHaveTheStatisticsOfTheDataNotOfNoise() {
        double whiteBorder = 0;
        double colouredCentre = 0;
        double variation = 0;
        List<String> prompts = List.of("red heart", "green apple", "sun", "dog face", "house", "star");
        for (String prompt : prompts) {
            for (long seed = 1; seed <= 2; seed++) {
                RgbImage image = generate(prompt, seed, 4);
                whiteBorder += borderWhiteFraction(image);
                colouredCentre += 1 - centreWhiteFraction(image);
                variation += totalVariation(image);
            }
        }
        int n = prompts.size() * 2;
        double noiseVariation = totalVariation(uniformNoise(64));
        assertThat(whiteBorder / n).as("white margin, as in the data").isGreaterThan(0.5);
        assertThat(colouredCentre / n).as("an object in the middle").isGreaterThan(0.25);
        assertThat(variation / n).as("smooth regions, unlike noise").isLessThan(noiseVariation / 4);
    }

    @Test
    void colourWordsSteerTheColour() {
        double red = 0;
        double blue = 0;
        for (long seed = 1; seed <= 3; seed++) {
            red += redMinusBlue(generate("red heart", seed, 4));
            blue += redMinusBlue(generate("blue heart", seed, 4));
        }
        assertThat(red).isGreaterThan(blue + 30);
    }

    static double meanAbsDifference(RgbImage a, RgbImage b) {
        byte[] x = a.rgb();
        byte[] y = b.rgb();
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return (double) sum / x.length;
    }

    static boolean white(RgbImage image, int x, int y) {
        int[] p = image.pixel(x, y);
        return p[0] > 200 && p[1] > 200 && p[2] > 200;
    }

    static double borderWhiteFraction(RgbImage image) {
        int white = 0;
        int total = 0;
        int ring = 3;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                boolean border = x < ring || y < ring || x >= image.width() - ring || y >= image.height() - ring;
                if (border) {
                    total++;
                    white += white(image, x, y) ? 1 : 0;
                }
            }
        }
        return (double) white / total;
    }

    static double centreWhiteFraction(RgbImage image) {
        int white = 0;
        int total = 0;
        for (int y = image.height() / 4; y < 3 * image.height() / 4; y++) {
            for (int x = image.width() / 4; x < 3 * image.width() / 4; x++) {
                total++;
                white += white(image, x, y) ? 1 : 0;
            }
        }
        return (double) white / total;
    }

    /** Mean absolute difference between horizontally and vertically adjacent channel values. */
    static double totalVariation(RgbImage image) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < image.height() - 1; y++) {
            for (int x = 0; x < image.width() - 1; x++) {
                int[] p = image.pixel(x, y);
                int[] right = image.pixel(x + 1, y);
                int[] down = image.pixel(x, y + 1);
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(p[c] - right[c]) + Math.abs(p[c] - down[c]);
                    count += 2;
                }
            }
        }
        return sum / count;
    }

    /** Mean red minus blue over the non-white pixels. */
    static double redMinusBlue(RgbImage image) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                if (!white(image, x, y)) {
                    int[] p = image.pixel(x, y);
                    sum += p[0] - p[2];
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    static RgbImage uniformNoise(int side) {
        byte[] rgb = new byte[side * side * 3];
        new Random(1).nextBytes(rgb);
        return new RgbImage(side, side, rgb);
    }
}
