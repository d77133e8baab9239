package dev.easel.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.easel.engine.testing.PartRuns.UNetCall;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Opens every part of written folders with real ONNX Runtime sessions and runs them at batch 1 and 3. */
class TinyModelsTest {
    private static final int TEXT_LENGTH = 77;
    private static final double[] CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] CLIP_STD = {0.26862954, 0.26130258, 0.27577711};

    @TempDir
    Path dir;

    private final Random random = new Random(7);

    static Stream<Arguments> unetSpecs() {
        Stream<Arguments> kinds = Arrays.stream(TimestepKind.values())
                .map(kind -> Arguments.of(kind.name(), TinyModelSpec.defaults().withTimestepKind(kind)));
        return Stream.concat(
                kinds,
                Stream.of(
                        Arguments.of("defaults", TinyModelSpec.defaults()),
                        Arguments.of("float16", TinyModelSpec.defaults().withFloat16Unet(true)),
                        Arguments.of(
                                "external weights", TinyModelSpec.defaults().withExternalUnetWeights(true)),
                        Arguments.of(
                                "float16 scalar timestep",
                                TinyModelSpec.defaults()
                                        .withFloat16Unet(true)
                                        .withTimestepKind(TimestepKind.FLOAT_SCALAR)),
                        Arguments.of("two blocks", TinyModelSpec.defaults().withAttentionBlocks(2)),
                        Arguments.of("SD2 width, v-prediction", sd2Like())));
    }

    private static TinyModelSpec sd2Like() {
        return TinyModelSpec.defaults().withTextWidth(1024).withPredictionType("v_prediction");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unetSpecs")
    void everyPartDeclaresTheLayoutsNamesTypesAndShapes(String name, TinyModelSpec spec) throws OrtException {
        TinyModels.write(dir, spec.withSafetyChecker(true));
        int d = spec.textWidth();
        int c = spec.latentChannels();
        OnnxJavaType unetFloat = spec.float16Unet() ? OnnxJavaType.FLOAT16 : OnnxJavaType.FLOAT;
        try (OrtSession text = open("text_encoder")) {
            assertIo(text.getInputInfo(), Map.of("input_ids", info(OnnxJavaType.INT32, -1, TEXT_LENGTH)));
            assertIo(
                    text.getOutputInfo(),
                    Map.of(
                            "last_hidden_state", info(OnnxJavaType.FLOAT, -1, TEXT_LENGTH, d),
                            "pooler_output", info(OnnxJavaType.FLOAT, -1, d)));
        }
        try (OrtSession unet = open("unet")) {
            assertIo(
                    unet.getInputInfo(),
                    Map.of(
                            "sample", info(unetFloat, -1, c, -1, -1),
                            "timestep",
                                    info(
                                            spec.timestepKind().elementType(),
                                            spec.timestepKind().shape()),
                            "encoder_hidden_states", info(unetFloat, -1, TEXT_LENGTH, spec.unetTextWidth())));
            assertIo(unet.getOutputInfo(), Map.of("out_sample", info(unetFloat, -1, c, -1, -1)));
            TensorInfo sample = (TensorInfo) unet.getInputInfo().get("sample").getInfo();
            assertThat(sample.getDimensionNames()).containsExactly("batch", "", "height", "width");
        }
        try (OrtSession decoder = open("vae_decoder")) {
            assertIo(decoder.getInputInfo(), Map.of("latent_sample", info(OnnxJavaType.FLOAT, -1, c, -1, -1)));
            assertIo(decoder.getOutputInfo(), Map.of("sample", info(OnnxJavaType.FLOAT, -1, 3, -1, -1)));
        }
        try (OrtSession encoder = open("vae_encoder")) {
            assertIo(encoder.getInputInfo(), Map.of("sample", info(OnnxJavaType.FLOAT, -1, 3, -1, -1)));
            assertIo(encoder.getOutputInfo(), Map.of("latent_sample", info(OnnxJavaType.FLOAT, -1, c, -1, -1)));
        }
        try (OrtSession checker = open("safety_checker")) {
            assertIo(
                    checker.getInputInfo(),
                    Map.of(
                            "clip_input", info(OnnxJavaType.FLOAT, -1, 3, 224, 224),
                            "images", info(OnnxJavaType.FLOAT, -1, -1, -1, 3)));
            assertIo(
                    checker.getOutputInfo(),
                    Map.of(
                            "out_images", info(OnnxJavaType.FLOAT, -1, -1, -1, 3),
                            "has_nsfw_concepts", info(OnnxJavaType.BOOL, -1)));
        }
    }

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {32, 768, 1024})
    void textEncoderGivesPerPromptStatesConsistentAcrossBatchSizes(int width) throws OrtException {
        TinyModels.write(dir, TinyModelSpec.defaults().withTextWidth(width));
        int[] redCat = promptIds("red", "cat");
        int[] blueDog = promptIds("blue", "dog");
        try (OrtSession text = open("text_encoder")) {
            Map<String, float[]> one = PartRuns.text(text, width, redCat);
            Map<String, float[]> three = PartRuns.text(text, width, redCat, blueDog, redCat);
            assertBatchConsistent(one.get("last_hidden_state"), three.get("last_hidden_state"), 3);
            assertBatchConsistent(one.get("pooler_output"), three.get("pooler_output"), 3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unetSpecs")
    void unetDependsOnSampleTimestepAndTextPerBatchElement(String name, TinyModelSpec spec) throws OrtException {
        TinyModels.write(dir, spec);
        int c = spec.latentChannels();
        float[] s0 = gaussian(c * 48);
        float[] s1 = gaussian(c * 48);
        float[] e0 = gaussian(TEXT_LENGTH * spec.unetTextWidth());
        float[] e1 = gaussian(TEXT_LENGTH * spec.unetTextWidth());
        float[] t500 = {500};
        try (OrtSession unet = open("unet")) {
            // non-square latents, so swapped height and width would show
            UNetCall call = new UNetCall(unet, spec, c, 8, 6);
            float[] base = call.run(List.of(s0), t500, List.of(e0));
            float[] timesteps = spec.timestepKind().batched() ? new float[] {500, 20, 500} : t500;
            float[] three = call.run(List.of(s0, s1, s0), timesteps, List.of(e0, e1, e0));
            assertBatchConsistent(base, three, 3);

            assertDiffers(call.run(List.of(s1), t500, List.of(e0)), base);
            assertDiffers(call.run(List.of(s0), new float[] {20}, List.of(e0)), base);
            assertDiffers(call.run(List.of(s0), t500, List.of(e1)), base);
            // documented tameness: the sample plus a correction much smaller than it
            assertThat(rms(base)).isBetween(0.5, 2.0);
            assertThat(rms(minus(base, s0))).isBetween(1e-3, 0.3);
        }
    }

    @Test
    void fixedBatchUnetDeclaresAndAcceptsOnlyThatBatch() throws OrtException {
        TinyModelSpec spec = TinyModelSpec.defaults().withUnetFixedBatch(2);
        TinyModels.write(dir, spec);
        try (OrtSession unet = open("unet")) {
            assertIo(unet.getOutputInfo(), Map.of("out_sample", info(OnnxJavaType.FLOAT, 2, 4, -1, -1)));
            assertIo(
                    Map.of("timestep", unet.getInputInfo().get("timestep")),
                    Map.of("timestep", info(OnnxJavaType.INT64, 2)));
            UNetCall call = new UNetCall(unet, spec, 4, 4, 4);
            float[] s = gaussian(64);
            float[] e = gaussian(TEXT_LENGTH * 32);
            assertThat(call.run(List.of(s, s), new float[] {1, 1}, List.of(e, e)))
                    .hasSize(128);
            assertThatThrownBy(() -> call.run(List.of(s), new float[] {1}, List.of(e)))
                    .isInstanceOf(OrtException.class);
        }
    }

    @ParameterizedTest(name = "factor {0}")
    @ValueSource(ints = {8, 4})
    void vaeDecoderUpsamplesByItsFactorIntoMinusOneToOne(int f) throws OrtException {
        TinyModels.write(dir, TinyModelSpec.defaults().withVaeFactor(f));
        // latents divided by the scaling factor, as a pipeline feeds them
        float[] l0 = times(gaussian(4 * 12), 5);
        float[] l1 = times(gaussian(4 * 12), 5);
        long[] latentShape = {4, 4, 3};
        try (OrtSession decoder = open("vae_decoder")) {
            float[] one = PartRuns.image(decoder, "latent_sample", List.of(l0), latentShape, 3, 4L * f, 3L * f);
            float[] three =
                    PartRuns.image(decoder, "latent_sample", List.of(l0, l1, l0), latentShape, 3, 4L * f, 3L * f);
            assertBatchConsistent(one, three, 3);
            for (float pixel : three) {
                assertThat(pixel).isBetween(-1f, 1f);
            }
        }
    }

    @ParameterizedTest(name = "factor {0}")
    @ValueSource(ints = {8, 4})
    void vaeEncoderDownsamplesByItsFactor(int f) throws OrtException {
        TinyModels.write(dir, TinyModelSpec.defaults().withVaeFactor(f));
        long[] imageShape = {3, 4L * f, 3L * f};
        float[] i0 = uniform(3 * 12 * f * f);
        float[] i1 = uniform(3 * 12 * f * f);
        try (OrtSession encoder = open("vae_encoder")) {
            float[] one = PartRuns.image(encoder, "sample", List.of(i0), imageShape, 4, 4, 3);
            float[] three = PartRuns.image(encoder, "sample", List.of(i0, i1, i0), imageShape, 4, 4, 3);
            assertBatchConsistent(one, three, 3);
        }
    }

    @Test
    void safetyCheckerFlagsRedImagesRawOrClipNormalisedAndNothingElse() throws OrtException {
        TinyModels.write(dir, TinyModelSpec.defaults().withSafetyChecker(true));
        float[] red = {1, 0, 0};
        float[] grey = {0.5f, 0.5f, 0.5f};
        float[] white = {1, 1, 1};
        try (OrtSession checker = open("safety_checker")) {
            assertThat(PartRuns.safety(checker, List.of(clipInput(red, false)))).containsExactly(true);
            assertThat(PartRuns.safety(checker, List.of(clipInput(grey, true)))).containsExactly(false);
            List<float[]> batch = List.of(clipInput(red, true), clipInput(grey, true), clipInput(white, true));
            assertThat(PartRuns.safety(checker, batch)).containsExactly(true, false, false);
        }
    }

    @Test
    void corruptOnnxIsRejectedByOnnxRuntime() {
        Path file = dir.resolve("unet/model.onnx");
        TinyModels.writeCorruptOnnx(file);
        assertThatThrownBy(() -> open("unet").close()).isInstanceOf(OrtException.class);
    }

    @Test
    void benchmarkModelRunsAtBatchTwoOnSixtyFourSquareLatents() throws OrtException {
        TinyModelSpec spec = TinyModels.benchmarkSpec();
        TinyModels.benchmarkModel(dir);
        float[] s = gaussian(4 * 64 * 64);
        float[] e = gaussian(TEXT_LENGTH * spec.textWidth());
        try (OrtSession unet = open("unet")) {
            UNetCall call = new UNetCall(unet, spec, 4, 64, 64);
            float[] two = call.run(List.of(s, s), new float[] {999, 999}, List.of(e, e));
            assertBatchConsistent(Arrays.copyOf(two, s.length), two, 2);
        }
    }

    private OrtSession open(String part) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // from the path, so that ONNX Runtime finds external weights next to the model
            return PartRuns.ENV.createSession(
                    dir.resolve(part).resolve("model.onnx").toString(), options);
        }
    }

    private record Expected(OnnxJavaType type, List<Long> shape) {}

    private static Expected info(OnnxJavaType type, long... shape) {
        return new Expected(type, LongStream.of(shape).boxed().toList());
    }

    private static void assertIo(Map<String, NodeInfo> actual, Map<String, Expected> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, tensor) -> {
            TensorInfo info = (TensorInfo) actual.get(name).getInfo();
            assertThat(info.type).as(name + " type").isEqualTo(tensor.type());
            assertThat(LongStream.of(info.getShape()).boxed().toList())
                    .as(name + " shape")
                    .isEqualTo(tensor.shape());
        });
    }

    /**
     * Rows 0 and 2 of a batch (same input) equal the batch-1 run within 1e-5, row 1 (other input) differs; for a
     * batch of 2 both rows equal the batch-1 run.
     */
    private static void assertBatchConsistent(float[] single, float[] batch, int batchSize) {
        int row = single.length;
        assertThat(batch).hasSize(row * batchSize);
        for (int i = 0; i < batchSize; i++) {
            float[] element = Arrays.copyOfRange(batch, i * row, (i + 1) * row);
            if (i == 1 && batchSize == 3) {
                assertDiffers(element, single);
            } else {
                assertThat(element).as("batch row " + i).containsExactly(single, within(1e-5f));
            }
        }
    }

    private static void assertDiffers(float[] actual, float[] other) {
        double largest = 0;
        for (int i = 0; i < actual.length; i++) {
            largest = Math.max(largest, Math.abs(actual[i] - other[i]));
        }
        assertThat(largest).as("largest difference").isGreaterThan(1e-3);
    }

    private int[] promptIds(String... words) {
        Map<String, Integer> vocab = TinyTokenizer.vocab();
        int end = vocab.get("<|endoftext|>");
        int[] ids = new int[TEXT_LENGTH];
        Arrays.fill(ids, end);
        ids[0] = vocab.get("<|startoftext|>");
        for (int i = 0; i < words.length; i++) {
            ids[i + 1] = vocab.get(words[i] + "</w>");
        }
        return ids;
    }

    /** A flat-colour CLIP input, either raw [0, 1] or normalised with CLIP's published mean and std. */
    private static float[] clipInput(float[] rgb, boolean normalised) {
        int plane = 224 * 224;
        float[] input = new float[3 * plane];
        for (int channel = 0; channel < 3; channel++) {
            float value = normalised ? (float) ((rgb[channel] - CLIP_MEAN[channel]) / CLIP_STD[channel]) : rgb[channel];
            Arrays.fill(input, channel * plane, (channel + 1) * plane, value);
        }
        return input;
    }

    private float[] gaussian(int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private float[] uniform(int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    private static float[] times(float[] values, float factor) {
        float[] scaled = values.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= factor;
        }
        return scaled;
    }

    private static float[] minus(float[] a, float[] b) {
        float[] difference = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            difference[i] = a[i] - b[i];
        }
        return difference;
    }

    private static double rms(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum / values.length);
    }
}
