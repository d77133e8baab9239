package dev.easel.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.GenerationInfo;
import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.OrtSettings;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generation through the real ONNX Runtime on a tiny model: determinism, seeds, guidance, metadata. */
class PipelineTest {
    @TempDir
    static Path dir;

    static DiffusionModel model;
    static Generator generator;

    @BeforeAll
    static void load() {
        model = DiffusionModel.load(
                TinyModels.write(dir.resolve("tiny"), TinyModelSpec.defaults().withSafetyChecker(true)),
                OrtSettings.defaults());
        generator = new Generator(model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static GenerationRequest request(String prompt) {
        return GenerationRequest.of(prompt, 32, 32).withSteps(6).withSeed(7).withSampler(Sampler.EULER_A);
    }

    @Test
    void sameRequestGivesIdenticalPixels() {
        RgbImage first = generator
                .generate(request("red cat"), ProgressListener.NONE)
                .get(0)
                .image();
        RgbImage second = generator
                .generate(request("red cat"), ProgressListener.NONE)
                .get(0)
                .image();
        assertThat(second.rgb()).isEqualTo(first.rgb());
        assertThat(first.width()).isEqualTo(32);
        assertThat(first.height()).isEqualTo(32);
    }

    @Test
    void differentSeedsAndPromptsGiveDifferentImages() {
        byte[] base = generator
                .generate(request("red cat"), ProgressListener.NONE)
                .get(0)
                .image()
                .rgb();
        byte[] otherSeed = generator
                .generate(request("red cat").withSeed(8), ProgressListener.NONE)
                .get(0)
                .image()
                .rgb();
        byte[] otherPrompt = generator
                .generate(request("blue dog"), ProgressListener.NONE)
                .get(0)
                .image()
                .rgb();
        assertThat(meanAbsDifference(base, otherSeed)).isGreaterThan(1.0);
        assertThat(meanAbsDifference(base, otherPrompt)).isGreaterThan(0.1);
    }

    @Test
    void imageIOfARequestUsesSeedPlusI() {
        List<GeneratedImage> three =
                generator.generate(request("red cat").withSeed(10).withCount(3), ProgressListener.NONE);
        GeneratedImage alone = generator
                .generate(request("red cat").withSeed(12), ProgressListener.NONE)
                .get(0);
        assertThat(three).extracting(GeneratedImage::seed).containsExactly(10L, 11L, 12L);
        assertThat(three.get(2).image().rgb()).isEqualTo(alone.image().rgb());
        assertThat(three.get(0).image().rgb()).isNotEqualTo(three.get(1).image().rgb());
    }

    @Test
    void randomSeedIsReportedAndReproduces() {
        GeneratedImage random = generator
                .generate(request("red cat").withSeed(-1), ProgressListener.NONE)
                .get(0);
        assertThat(random.seed()).isBetween(0L, (1L << 32) - 1);
        assertThat(random.info().seed()).isEqualTo(random.seed());
        GeneratedImage again = generator
                .generate(request("red cat").withSeed(random.seed()), ProgressListener.NONE)
                .get(0);
        assertThat(again.image().rgb()).isEqualTo(random.image().rgb());
    }

    @Test
    void guidanceChangesTheImage() {
        byte[] unguided = generator
                .generate(request("red cat").withCfgScale(1), ProgressListener.NONE)
                .get(0)
                .image()
                .rgb();
        byte[] guided = generator
                .generate(request("red cat").withCfgScale(7), ProgressListener.NONE)
                .get(0)
                .image()
                .rgb();
        assertThat(guided).isNotEqualTo(unguided);
        assertThat(meanAbsDifference(unguided, guided)).isGreaterThan(0.1);
    }

    @Test
    void progressReportsEveryStep() {
        List<Integer> steps = new ArrayList<>();
        generator.generate(request("red cat"), (done, total) -> {
            assertThat(total).isEqualTo(6);
            steps.add(done);
        });
        assertThat(steps).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void everySamplerProducesAnImage() {
        for (Sampler sampler : Sampler.values()) {
            RgbImage image = generator
                    .generate(request("red cat").withSampler(sampler), ProgressListener.NONE)
                    .get(0)
                    .image();
            assertThat(image.rgb()).as(sampler.displayName()).hasSize(32 * 32 * 3);
            assertThat(distinctValues(image.rgb())).as(sampler.displayName()).isGreaterThan(10);
        }
    }

    @Test
    void pngCarriesA1111ParametersThatParseBack() {
        GeneratedImage image = generator
                .generate(request("red cat").withNegativePrompt("blurry").withCfgScale(5.5), ProgressListener.NONE)
                .get(0);
        String parameters = PngImages.readParameters(image.png()).orElseThrow();
        assertThat(parameters)
                .startsWith("red cat\nNegative prompt: blurry\n")
                .contains("Steps: 6, Sampler: Euler a, CFG scale: 5.5, Seed: 7, Size: 32x32, Model hash: "
                        + model.folder().shortHash() + ", Model: tiny");
        GenerationInfo parsed = GenerationInfo.parse(parameters);
        assertThat(parsed.seed()).isEqualTo(7);
        assertThat(parsed.prompt()).isEqualTo("red cat");
        assertThat(PngImages.decode(image.png()).rgb()).isEqualTo(image.image().rgb());
    }

    @Test
    void longPromptsAreTruncatedAndSaySo() {
        String longPrompt = "red cat ".repeat(60);
        GeneratedImage image =
                generator.generate(request(longPrompt), ProgressListener.NONE).get(0);
        assertThat(image.info().extra()).containsEntry("Prompt truncated", "true");
        GeneratedImage shortOne =
                generator.generate(request("red cat"), ProgressListener.NONE).get(0);
        assertThat(shortOne.info().extra()).doesNotContainKey("Prompt truncated");
    }

    @Test
    void unusualPromptsWork() {
        for (String prompt : List.of("", "red\ncat\t dog", "🐱❤️ emoji", "红色的猫", "  ")) {
            RgbImage image = generator
                    .generate(request(prompt), ProgressListener.NONE)
                    .get(0)
                    .image();
            assertThat(image.rgb()).as(prompt).hasSize(32 * 32 * 3);
        }
    }

    @Test
    void safetyFlagsMatchTheCheckerOnTheOutput() {
        GeneratedImage image =
                generator.generate(request("red cat"), ProgressListener.NONE).get(0);
        boolean expected = model.safetyChecker().orElseThrow().check(List.of(image.image()))[0];
        assertThat(image.nsfw()).isEqualTo(expected);
        // The tiny checker flags images whose red channel is bright (see SafetyCheckerGraph).
        assertThat(model.safetyChecker().orElseThrow().check(List.of(solid(32, 250, 0, 0), solid(32, 128, 128, 128))))
                .containsExactly(true, false);
    }

    static RgbImage solid(int side, int r, int g, int b) {
        byte[] rgb = new byte[side * side * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return new RgbImage(side, side, rgb);
    }

    static double meanAbsDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) sum / a.length;
    }

    static long distinctValues(byte[] rgb) {
        boolean[] seen = new boolean[256];
        long count = 0;
        for (byte value : rgb) {
            if (!seen[value & 0xff]) {
                seen[value & 0xff] = true;
                count++;
            }
        }
        return count;
    }
}
