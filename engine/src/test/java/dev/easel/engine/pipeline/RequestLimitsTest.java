package dev.easel.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.engine.InvalidRequestException;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.OrtSettings;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLimitsTest {
    @TempDir
    static Path dir;

    static DiffusionModel model;
    static DiffusionModel withoutEncoder;

    @BeforeAll
    static void load() {
        model = DiffusionModel.load(
                TinyModels.write(dir.resolve("a"), TinyModelSpec.defaults()), OrtSettings.defaults());
        withoutEncoder = DiffusionModel.load(
                TinyModels.write(dir.resolve("b"), TinyModelSpec.defaults().withVaeEncoder(false)),
                OrtSettings.defaults());
    }

    @AfterAll
    static void close() {
        model.close();
        withoutEncoder.close();
    }

    private static void assertRejected(GenerationRequest request, String message) {
        assertThatThrownBy(() -> new Generator(model).generate(request, ProgressListener.NONE))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsOutOfRangeFieldsNamingThem() {
        GenerationRequest ok = GenerationRequest.of("cat", 32, 32).withSteps(2);
        assertRejected(ok.withSteps(0), "steps must be between 1 and 150, got 0");
        assertRejected(ok.withSteps(151), "steps must be between 1 and 150, got 151");
        assertRejected(ok.withCount(0), "n (images per request) must be between 1 and 16, got 0");
        assertRejected(ok.withCount(17), "got 17");
        assertRejected(ok.withCfgScale(-1), "cfg scale");
        assertRejected(ok.withCfgScale(Double.NaN), "cfg scale");
        assertRejected(ok.withSeed(-2), "seed");
        assertRejected(ok.withSeed(1L << 32), "seed must be -1 (random) or between 0 and 4294967295");
        assertRejected(GenerationRequest.of("x".repeat(4001), 32, 32), "prompt must be at most 4000 characters");
        assertRejected(GenerationRequest.of("cat", 36, 32), "width must be a multiple of 8, got 36");
        assertRejected(GenerationRequest.of("cat", 32, 4096), "height must be between 8 and 2048 pixels, got 4096");
        assertRejected(ok.withInitImage(ImageToImageTest.gradient(8, 8), 1.5), "denoising strength");
    }

    @Test
    void unknownSamplerNamesTheChoices() {
        assertThatThrownBy(() -> Sampler.fromName("Heun++"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Heun++")
                .hasMessageContaining("Euler a");
    }

    @Test
    void imageToImageNeedsAVaeEncoder() {
        GenerationRequest request =
                GenerationRequest.of("cat", 32, 32).withInitImage(ImageToImageTest.gradient(8, 8), 0.5);
        assertThatThrownBy(() -> new Generator(withoutEncoder).generate(request, ProgressListener.NONE))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no vae_encoder");
    }
}
