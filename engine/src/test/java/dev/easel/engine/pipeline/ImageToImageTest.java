package dev.easel.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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

class ImageToImageTest {
    @TempDir
    static Path dir;

    static DiffusionModel model;

    @BeforeAll
    static void load() {
        model = DiffusionModel.load(
                TinyModels.write(dir.resolve("tiny"), TinyModelSpec.defaults()), OrtSettings.defaults());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static RgbImage gradient(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (x * 255 / (width - 1));
                rgb[i + 1] = (byte) (y * 255 / (height - 1));
                rgb[i + 2] = (byte) 60;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    static GenerationRequest request(RgbImage init, double strength) {
        return GenerationRequest.of("red cat", 32, 32)
                .withSteps(10)
                .withSeed(3)
                .withSampler(Sampler.DDIM)
                .withInitImage(init, strength);
    }

    @Test
    void strengthZeroReturnsTheInitImage() {
        RgbImage init = gradient(32, 32);
        RgbImage out = new Generator(model)
                .generate(request(init, 0), ProgressListener.NONE)
                .get(0)
                .image();
        assertThat(out.rgb()).isEqualTo(init.rgb());
    }

    @Test
    void strengthRunsThatShareOfTheSteps() {
        List<Integer> totals = new ArrayList<>();
        new Generator(model).generate(request(gradient(32, 32), 0.5), (done, total) -> totals.add(total));
        assertThat(totals).hasSize(5).containsOnly(5);
    }

    @Test
    void moreStrengthMovesFurtherFromTheInit() {
        // Compared in latent space: the tiny model's random VAE does not reproduce images, so pixels can't tell.
        float[] init = model.vaeEncoder().orElseThrow().encode(gradient(32, 32), 4);
        double light = distanceAfterDenoising(init, 0.2);
        double full = distanceAfterDenoising(init, 1.0);
        assertThat(light).isGreaterThan(0);
        assertThat(full).isGreaterThan(2 * light);
    }

    private static double distanceAfterDenoising(float[] init, double strength) {
        EncodedPrompt prompt = PromptEncoder.encode(model, List.of("red cat")).get(0);
        Sample sample =
                Sample.start(model, new SampleSetup(prompt, null, 1, Sampler.DDIM, 10, 3, 32, 32, init, strength));
        Denoiser denoiser = new Denoiser(model.unet());
        while (!sample.done()) {
            denoiser.step(List.of(sample));
        }
        float[] out = sample.latents();
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += Math.abs(out[i] - init[i]);
        }
        return sum / out.length;
    }

    @Test
    void initImageIsResizedToTheTarget() {
        RgbImage out = new Generator(model)
                .generate(request(gradient(50, 20), 0), ProgressListener.NONE)
                .get(0)
                .image();
        assertThat(out.width()).isEqualTo(32);
        assertThat(out.height()).isEqualTo(32);
    }
}
