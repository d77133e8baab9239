package dev.easel.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The files of a written folder: which exist, what the JSON configs say, how external weights are referenced. */
class TinyModelFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void defaultsWriteTheDiffusersOnnxLayout() throws IOException {
        TinyModels.write(dir, TinyModelSpec.defaults());
        assertThat(relativeFiles(dir))
                .containsExactlyInAnyOrder(
                        "model_index.json",
                        "scheduler/scheduler_config.json",
                        "text_encoder/model.onnx",
                        "tokenizer/merges.txt",
                        "tokenizer/special_tokens_map.json",
                        "tokenizer/tokenizer_config.json",
                        "tokenizer/vocab.json",
                        "unet/model.onnx",
                        "vae_decoder/config.json",
                        "vae_decoder/model.onnx",
                        "vae_encoder/model.onnx");
        JsonNode index = json("model_index.json");
        assertThat(index.get("_class_name").asText()).isEqualTo("OnnxStableDiffusionPipeline");
        assertThat(index.get("unet").toString()).isEqualTo("[\"diffusers\",\"OnnxRuntimeModel\"]");
        assertThat(index.get("tokenizer").toString()).isEqualTo("[\"transformers\",\"CLIPTokenizer\"]");
        assertThat(index.get("safety_checker").toString()).isEqualTo("[null,null]");
    }

    @Test
    void optionalPartsFollowTheSpec() throws IOException {
        TinyModels.write(
                dir,
                TinyModelSpec.defaults()
                        .withVaeEncoder(false)
                        .withSafetyChecker(true)
                        .withVaeConfig(false));
        assertThat(dir.resolve("vae_encoder")).doesNotExist();
        assertThat(dir.resolve("vae_decoder/config.json")).doesNotExist();
        assertThat(dir.resolve("safety_checker/model.onnx")).isRegularFile();
        JsonNode index = json("model_index.json");
        assertThat(index.get("vae_encoder").toString()).isEqualTo("[null,null]");
        assertThat(index.get("safety_checker").toString()).isEqualTo("[\"diffusers\",\"OnnxRuntimeModel\"]");
        assertThat(index.get("requires_safety_checker").asBoolean()).isTrue();
        JsonNode clip = json("feature_extractor/preprocessor_config.json");
        assertThat(clip.get("crop_size").get("height").asInt()).isEqualTo(224);
        assertThat(clip.get("image_mean").get(0).asDouble()).isEqualTo(0.48145466);
    }

    @ParameterizedTest
    @CsvSource({"epsilon", "v_prediction"})
    void schedulerConfigIsSdsPndmWithTheSpecsPredictionType(String predictionType) throws IOException {
        TinyModels.write(dir, TinyModelSpec.defaults().withPredictionType(predictionType));
        JsonNode config = json("scheduler/scheduler_config.json");
        assertThat(config.get("_class_name").asText()).isEqualTo("PNDMScheduler");
        assertThat(config.get("prediction_type").asText()).isEqualTo(predictionType);
        assertThat(config.get("steps_offset").asInt()).isEqualTo(1);
        assertThat(config.get("num_train_timesteps").asInt()).isEqualTo(1000);
        assertThat(config.get("beta_start").asDouble()).isEqualTo(0.00085);
        assertThat(config.get("beta_end").asDouble()).isEqualTo(0.012);
        assertThat(config.get("beta_schedule").asText()).isEqualTo("scaled_linear");
        assertThat(config.get("set_alpha_to_one").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"8, 4", "4, 3", "1, 1"})
    void vaeConfigEncodesTheFactorAsBlockCount(int factor, int blocks) throws IOException {
        TinyModels.write(dir, TinyModelSpec.defaults().withVaeFactor(factor).withLatentChannels(16));
        JsonNode config = json("vae_decoder/config.json");
        assertThat(config.get("block_out_channels").size()).isEqualTo(blocks);
        assertThat(1 << (config.get("block_out_channels").size() - 1)).isEqualTo(factor);
        assertThat(config.get("latent_channels").asInt()).isEqualTo(16);
        assertThat(config.get("scaling_factor").asDouble()).isEqualTo(0.18215);
    }

    @Test
    void externalWeightsLeaveOnlyReferencesInTheModelFile() throws IOException {
        Path inline = dir.resolve("inline");
        Path external = dir.resolve("external");
        TinyModels.write(inline, TinyModelSpec.defaults());
        TinyModels.write(external, TinyModelSpec.defaults().withExternalUnetWeights(true));

        long weightsSize = Files.size(external.resolve("unet/weights.pb"));
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(external.resolve("unet/model.onnx")));
        long referenced = 0;
        long expectedOffset = 0;
        for (TensorProto tensor : model.getGraph().getInitializerList()) {
            if (tensor.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
                continue;
            }
            assertThat(tensor.getDataLocation()).isEqualTo(TensorProto.DataLocation.EXTERNAL);
            assertThat(tensor.getRawData().isEmpty()).isTrue();
            var entries = tensor.getExternalDataList().stream()
                    .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
            assertThat(entries.get("location")).isEqualTo("weights.pb");
            long elements = tensor.getDimsList().stream().reduce(1L, Math::multiplyExact);
            assertThat(Long.parseLong(entries.get("length"))).isEqualTo(elements * Float.BYTES);
            assertThat(Long.parseLong(entries.get("offset"))).isEqualTo(expectedOffset);
            expectedOffset += elements * Float.BYTES;
            referenced += elements * Float.BYTES;
        }
        assertThat(referenced).isEqualTo(weightsSize).isPositive();
        // the weights moved out: the model file lost (nearly) their size
        assertThat(Files.size(external.resolve("unet/model.onnx")))
                .isLessThan(Files.size(inline.resolve("unet/model.onnx")) - weightsSize / 2);
    }

    @Test
    void sameSpecWritesSameBytesAndOtherSeedsOtherWeights() throws IOException {
        TinyModels.write(dir.resolve("a"), TinyModelSpec.defaults());
        TinyModels.write(dir.resolve("b"), TinyModelSpec.defaults());
        TinyModels.write(dir.resolve("c"), TinyModelSpec.defaults().withWeightSeed(43));
        for (String part : List.of("text_encoder", "unet", "vae_decoder", "vae_encoder")) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(part).resolve("model.onnx"));
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(part).resolve("model.onnx")))
                    .as(part)
                    .isEqualTo(a);
            assertThat(Files.readAllBytes(dir.resolve("c").resolve(part).resolve("model.onnx")))
                    .as(part)
                    .isNotEqualTo(a);
        }
    }

    @Test
    void mismatchedUnetTextWidthIsDeclaredInTheUnetOnly() throws IOException {
        TinyModels.write(dir, TinyModelSpec.defaults().withUnetTextWidth(48));
        assertThat(lastDim(dir.resolve("unet/model.onnx"), "encoder_hidden_states"))
                .isEqualTo(48);
        assertThat(lastDim(dir.resolve("text_encoder/model.onnx"), "last_hidden_state"))
                .isEqualTo(32);
    }

    @Test
    void specRejectsGraphsItCannotBuild() {
        assertThatThrownBy(() -> TinyModelSpec.defaults().withVaeFactor(6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vaeFactor");
        assertThatThrownBy(() -> TinyModelSpec.defaults().withUnetChannels(7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unetChannels");
    }

    private static long lastDim(Path model, String valueName) throws IOException {
        var graph = ModelProto.parseFrom(Files.readAllBytes(model)).getGraph();
        return Stream.concat(graph.getInputList().stream(), graph.getOutputList().stream())
                .filter(value -> value.getName().equals(valueName))
                .findFirst()
                .map(value ->
                        value.getType().getTensorType().getShape().getDim(2).getDimValue())
                .orElseThrow();
    }

    private JsonNode json(String file) throws IOException {
        return JSON.readTree(dir.resolve(file).toFile());
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
