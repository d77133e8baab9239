package dev.easel.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.engine.image.RgbImage;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.Generator;
import dev.easel.engine.pipeline.ProgressListener;
import dev.easel.engine.scheduler.PredictionType;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.engine.testing.TimestepKind;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelLoadingTest {
    @TempDir
    Path dir;

    private Path write(TinyModelSpec spec) {
        return TinyModels.write(dir.resolve("model"), spec);
    }

    private static RgbImage generate(DiffusionModel model) {
        return new Generator(model)
                .generate(
                        GenerationRequest.of("red cat", 32, 32)
                                .withSteps(3)
                                .withSeed(1)
                                .withSampler(Sampler.EULER),
                        ProgressListener.NONE)
                .get(0)
                .image();
    }

    @ParameterizedTest
    @EnumSource(TimestepKind.class)
    void everyTimestepFormLoadsAndGenerates(TimestepKind kind) {
        try (DiffusionModel model =
                DiffusionModel.load(write(TinyModelSpec.defaults().withTimestepKind(kind)), OrtSettings.defaults())) {
            assertThat(model.unet().batchesTimesteps())
                    .isEqualTo(kind == TimestepKind.INT64_BATCHED
                            || kind == TimestepKind.INT32_BATCHED
                            || kind == TimestepKind.FLOAT_BATCHED);
            assertThat(generate(model).rgb()).hasSize(32 * 32 * 3);
        }
    }

    @Test
    void sd1AndSd2WidthsLoad() {
        try (DiffusionModel sd1 = DiffusionModel.load(
                TinyModels.write(dir.resolve("sd1"), TinyModelSpec.defaults().withTextWidth(768)),
                OrtSettings.defaults())) {
            assertThat(sd1.textEncoder().width()).isEqualTo(768);
        }
        try (DiffusionModel sd2 = DiffusionModel.load(
                TinyModels.write(
                        dir.resolve("sd2"),
                        TinyModelSpec.defaults().withTextWidth(1024).withPredictionType("v_prediction")),
                OrtSettings.defaults())) {
            assertThat(sd2.unet().textWidth()).isEqualTo(1024);
            assertThat(sd2.schedulerConfig().predictionType()).isEqualTo(PredictionType.V_PREDICTION);
            assertThat(generate(sd2).rgb()).hasSize(32 * 32 * 3);
        }
    }

    @Test
    void mismatchedTextWidthIsNamedExactly() {
        Path model = write(TinyModelSpec.defaults().withTextWidth(768).withUnetTextWidth(1024));
        assertThatThrownBy(() -> DiffusionModel.load(model, OrtSettings.defaults()))
                .isInstanceOf(InvalidModelException.class)
                .satisfies(e -> assertThat(((InvalidModelException) e).problems())
                        .containsExactly(
                                "unet/model.onnx: encoder_hidden_states is 1024 wide but" + " text_encoder emits 768"));
    }

    @Test
    void missingAndCorruptFilesAreAllReported() throws IOException {
        Path model = write(TinyModelSpec.defaults());
        Files.delete(model.resolve("tokenizer/merges.txt"));
        TinyModels.writeCorruptOnnx(model.resolve("unet/model.onnx"));
        Files.delete(model.resolve("vae_decoder/model.onnx"));
        assertThatThrownBy(() -> DiffusionModel.load(model, OrtSettings.defaults()))
                .isInstanceOf(InvalidModelException.class)
                .satisfies(e -> assertThat(((InvalidModelException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("merges.txt"))
                        .anySatisfy(p -> assertThat(p).startsWith("unet/model.onnx: not a loadable ONNX model"))
                        .anySatisfy(p -> assertThat(p).isEqualTo("vae_decoder/model.onnx: missing")));
    }

    @Test
    void aFolderThatIsNotAModelSaysSo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> DiffusionModel.load(empty, OrtSettings.defaults()))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("model_index.json: missing")
                .hasMessageContaining("text_encoder/model.onnx: missing");
        assertThatThrownBy(() -> DiffusionModel.load(dir.resolve("nope"), OrtSettings.defaults()))
                .hasMessageContaining("not a directory");
    }

    @Test
    void float16UnetRuns() {
        try (DiffusionModel model =
                DiffusionModel.load(write(TinyModelSpec.defaults().withFloat16Unet(true)), OrtSettings.defaults())) {
            RgbImage image = generate(model);
            assertThat(image.rgb()).hasSize(32 * 32 * 3);
        }
    }

    @Test
    void externalWeightsGiveTheSameImageAsEmbeddedOnes() {
        RgbImage embedded;
        try (DiffusionModel model = DiffusionModel.load(
                TinyModels.write(dir.resolve("embedded"), TinyModelSpec.defaults()), OrtSettings.defaults())) {
            embedded = generate(model);
        }
        Path external = TinyModels.write(
                dir.resolve("external"), TinyModelSpec.defaults().withExternalUnetWeights(true));
        assertThat(external.resolve("unet/weights.pb")).exists();
        try (DiffusionModel model = DiffusionModel.load(external, OrtSettings.defaults())) {
            assertThat(generate(model).rgb()).isEqualTo(embedded.rgb());
        }
    }

    @Test
    void vaeGeometryComesFromTheConfigOrSdDefaults() {
        try (DiffusionModel model = DiffusionModel.load(
                TinyModels.write(dir.resolve("f4"), TinyModelSpec.defaults().withVaeFactor(4)),
                OrtSettings.defaults())) {
            assertThat(model.vaeConfig().scaleFactor()).isEqualTo(4);
            RgbImage image = new Generator(model)
                    .generate(GenerationRequest.of("cat", 16, 16).withSteps(2), ProgressListener.NONE)
                    .get(0)
                    .image();
            assertThat(image.width()).isEqualTo(16);
        }
        try (DiffusionModel model = DiffusionModel.load(
                TinyModels.write(
                        dir.resolve("noconfig"), TinyModelSpec.defaults().withVaeConfig(false)),
                OrtSettings.defaults())) {
            assertThat(model.vaeConfig()).isEqualTo(VaeConfig.stableDiffusionDefaults());
        }
    }

    @Test
    void hashAndWeightSizeDescribeTheFiles() throws IOException {
        Path path = write(TinyModelSpec.defaults());
        String before = new ModelFolder(path).sha256();
        assertThat(new ModelFolder(path).sha256()).isEqualTo(before).hasSize(64);
        assertThat(new ModelFolder(path).weightBytes()).isGreaterThan(Files.size(path.resolve("unet/model.onnx")));
        Files.writeString(path.resolve("scheduler/scheduler_config.json"), "{}");
        assertThat(new ModelFolder(path).sha256()).isNotEqualTo(before);
    }

    @Test
    void aLinkedModelFolderHasTheSameHashAndSizeAsItsTarget() throws IOException {
        Path path = write(TinyModelSpec.defaults());
        Path link = Files.createSymbolicLink(dir.resolve("linked"), path);

        assertThat(new ModelFolder(link).sha256()).isEqualTo(new ModelFolder(path).sha256());
        assertThat(new ModelFolder(link).weightBytes())
                .isEqualTo(new ModelFolder(path).weightBytes())
                .isPositive();
    }
}
