package dev.easel.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.trainer.graph.DjlOps;
import dev.easel.trainer.graph.ParameterMaps;
import dev.easel.trainer.net.TextEncoder;
import dev.easel.trainer.net.UNet;
import dev.easel.trainer.net.VaeDecoder;
import dev.easel.trainer.net.VaeEncoder;
import dev.easel.trainer.preview.PreviewSampler;
import dev.easel.trainer.text.BpeLearner;
import dev.easel.trainer.text.BpeTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny randomly initialised model written as a folder must have the layout and IO names the engine reads. */
class ModelFolderWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesTheDiffusersOnnxLayout(@TempDir Path folder) throws IOException, OrtException {
        writeTinyModel(folder);

        for (String file : List.of(
                "model_index.json",
                "tokenizer/vocab.json",
                "tokenizer/merges.txt",
                "tokenizer/tokenizer_config.json",
                "scheduler/scheduler_config.json",
                "vae_decoder/config.json")) {
            assertThat(folder.resolve(file)).exists();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession text = env.createSession(
                        folder.resolve("text_encoder/model.onnx").toString());
                OrtSession unet =
                        env.createSession(folder.resolve("unet/model.onnx").toString());
                OrtSession encoder = env.createSession(
                        folder.resolve("vae_encoder/model.onnx").toString());
                OrtSession decoder = env.createSession(
                        folder.resolve("vae_decoder/model.onnx").toString())) {
            assertTensor(text.getInputInfo(), "input_ids", OnnxJavaType.INT32, -1, 77);
            assertTensor(text.getOutputInfo(), "last_hidden_state", OnnxJavaType.FLOAT, -1, 77, 16);
            assertTensor(unet.getInputInfo(), "sample", OnnxJavaType.FLOAT, -1, 4, -1, -1);
            assertTensor(unet.getInputInfo(), "timestep", OnnxJavaType.INT64, -1);
            assertTensor(unet.getInputInfo(), "encoder_hidden_states", OnnxJavaType.FLOAT, -1, 77, 16);
            assertTensor(unet.getOutputInfo(), "out_sample", OnnxJavaType.FLOAT, -1, 4, -1, -1);
            assertTensor(encoder.getInputInfo(), "sample", OnnxJavaType.FLOAT, -1, 3, -1, -1);
            assertTensor(encoder.getOutputInfo(), "latent_sample", OnnxJavaType.FLOAT, -1, 4, -1, -1);
            assertTensor(decoder.getInputInfo(), "latent_sample", OnnxJavaType.FLOAT, -1, 4, -1, -1);
            assertTensor(decoder.getOutputInfo(), "sample", OnnxJavaType.FLOAT, -1, 3, -1, -1);
        }

        JsonNode vae = JSON.readTree(folder.resolve("vae_decoder/config.json").toFile());
        assertThat(vae.get("latent_channels").asInt()).isEqualTo(4);
        assertThat(vae.get("scaling_factor").asDouble()).isEqualTo(0.5);
        // factor 2^(3 - 1) = 4: 16x16 images, 4x4 latents
        assertThat(vae.get("block_out_channels").size()).isEqualTo(3);
        JsonNode scheduler =
                JSON.readTree(folder.resolve("scheduler/scheduler_config.json").toFile());
        assertThat(scheduler.get("prediction_type").asText()).isEqualTo("v_prediction");
        assertThat(scheduler.get("beta_schedule").asText()).isEqualTo("scaled_linear");
        assertThat(scheduler.get("num_train_timesteps").asInt()).isEqualTo(1000);
        JsonNode index = JSON.readTree(folder.resolve("model_index.json").toFile());
        assertThat(index.get("_class_name").asText()).isEqualTo("OnnxStableDiffusionPipeline");
    }

    @Test
    void previewSamplerRunsTheFolderEndToEnd(@TempDir Path folder) throws IOException, OrtException {
        writeTinyModel(folder);
        try (PreviewSampler sampler = new PreviewSampler(folder)) {
            float[] image = sampler.sample("red heart", 1, 4, 3f);
            assertThat(image).hasSize(3 * 16 * 16);
            for (float v : image) {
                assertThat(Float.isFinite(v)).isTrue();
            }
            assertThat(sampler.sample("red heart", 1, 4, 3f)).containsExactly(image);
            assertThat(sampler.sample("red heart", 2, 4, 3f)).isNotEqualTo(image);
            Path grid = folder.resolve("grid.png");
            sampler.writeGrid(grid, List.of("a", "b"), new long[] {1, 2, 3}, 2, 3f);
            assertThat(ImageIO.read(grid.toFile()).getWidth()).isEqualTo(3 * 16);
        }
    }

    private static void writeTinyModel(Path folder) throws IOException {
        BpeTokenizer tokenizer = new BpeTokenizer(BpeLearner.learn(Map.of("red heart", 3, "green apple", 2), 20, 2));
        TextEncoder text = new TextEncoder(tokenizer.vocabSize(), 16, 1, 2, 77);
        UNet unet = new UNet(4, new int[] {8, 16}, 16, 2, 16);
        VaeEncoder encoder = new VaeEncoder(new int[] {8, 8, 8}, 4);
        VaeDecoder decoder = new VaeDecoder(new int[] {8, 8, 8}, 4);
        try (NDManager manager = NDManager.newBaseManager()) {
            DjlOps textOps = new DjlOps(manager, 1);
            DjlOps unetOps = new DjlOps(manager, 2);
            DjlOps encoderOps = new DjlOps(manager, 3);
            DjlOps decoderOps = new DjlOps(manager, 4);
            NDArray context = text.forward(textOps, manager.create(tokenizer.encode(""), new Shape(1, 77)));
            NDArray latents = encoder.forward(encoderOps, manager.zeros(new Shape(1, 3, 16, 16)));
            unet.forward(unetOps, latents, manager.create(new long[] {5}), context);
            decoder.forward(decoderOps, latents);
            ModelFolderWriter.write(
                    folder,
                    new ModelFolderWriter.TrainedModel(
                            text,
                            ParameterMaps.toHeap(textOps.parameters()),
                            unet,
                            ParameterMaps.toHeap(unetOps.parameters()),
                            encoder,
                            ParameterMaps.toHeap(encoderOps.parameters()),
                            decoder,
                            ParameterMaps.toHeap(decoderOps.parameters()),
                            tokenizer,
                            0.5f,
                            16));
        }
        assertThat(Files.size(folder.resolve("unet/model.onnx"))).isPositive();
    }

    private static void assertTensor(Map<String, NodeInfo> infos, String name, OnnxJavaType type, long... shape) {
        assertThat(infos).containsKey(name);
        TensorInfo info = (TensorInfo) infos.get(name).getInfo();
        assertThat(info.type).as(name).isEqualTo(type);
        assertThat(info.getShape()).as(name).containsExactly(shape);
    }
}
