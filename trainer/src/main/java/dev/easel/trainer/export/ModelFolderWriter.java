package dev.easel.trainer.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.easel.trainer.graph.FloatTensor;
import dev.easel.trainer.net.TextEncoder;
import dev.easel.trainer.net.UNet;
import dev.easel.trainer.net.VaeDecoder;
import dev.easel.trainer.net.VaeEncoder;
import dev.easel.trainer.text.BpeTokenizer;
import dev.easel.trainer.train.NoiseSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a model folder in the diffusers ONNX layout: the four graphs, tokenizer, configs and model index. */
public final class ModelFolderWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFolderWriter() {}

    /** The trained networks with their (EMA where used) weights, and the latent scaling factor. */
    public record TrainedModel(
            TextEncoder textEncoder,
            Map<String, FloatTensor> textEncoderWeights,
            UNet unet,
            Map<String, FloatTensor> unetWeights,
            VaeEncoder vaeEncoder,
            Map<String, FloatTensor> vaeEncoderWeights,
            VaeDecoder vaeDecoder,
            Map<String, FloatTensor> vaeDecoderWeights,
            BpeTokenizer tokenizer,
            float scalingFactor,
            int imageSize) {}

    public static void write(Path folder, TrainedModel model) throws IOException {
        Files.createDirectories(folder);
        int textLength = model.textEncoder().maxLength();
        writeOnnx(
                folder.resolve("text_encoder"),
                OnnxExport.textEncoder(model.textEncoder(), model.textEncoderWeights()));
        writeOnnx(folder.resolve("unet"), OnnxExport.unet(model.unet(), model.unetWeights(), textLength));
        writeOnnx(folder.resolve("vae_encoder"), OnnxExport.vaeEncoder(model.vaeEncoder(), model.vaeEncoderWeights()));
        writeOnnx(folder.resolve("vae_decoder"), OnnxExport.vaeDecoder(model.vaeDecoder(), model.vaeDecoderWeights()));
        model.tokenizer().writeTo(folder.resolve("tokenizer"));

        int factor = 1 << (model.vaeEncoder().channels().length - 1);
        Map<String, Object> vae = new LinkedHashMap<>();
        vae.put("_class_name", "AutoencoderKL");
        vae.put("in_channels", 3);
        vae.put("out_channels", 3);
        vae.put("latent_channels", model.vaeDecoder().latentChannels());
        vae.put("block_out_channels", model.vaeDecoder().channels());
        vae.put("sample_size", model.imageSize());
        vae.put("scaling_factor", model.scalingFactor());
        JSON.writeValue(folder.resolve("vae_decoder/config.json").toFile(), vae);
        JSON.writeValue(folder.resolve("vae_encoder/config.json").toFile(), vae);

        Map<String, Object> unet = new LinkedHashMap<>();
        unet.put("_class_name", "UNet2DConditionModel");
        unet.put("sample_size", model.imageSize() / factor);
        unet.put("in_channels", model.unet().latentChannels());
        unet.put("out_channels", model.unet().latentChannels());
        unet.put("block_out_channels", model.unet().channels());
        unet.put("cross_attention_dim", model.unet().contextDim());
        unet.put("attention_head_dim", model.unet().heads());
        JSON.writeValue(folder.resolve("unet/config.json").toFile(), unet);

        Map<String, Object> text = new LinkedHashMap<>();
        text.put("_class_name", "CLIPTextModel");
        text.put("vocab_size", model.textEncoder().vocabSize());
        text.put("hidden_size", model.textEncoder().dim());
        text.put("num_hidden_layers", model.textEncoder().layers());
        text.put("num_attention_heads", model.textEncoder().heads());
        text.put("max_position_embeddings", textLength);
        JSON.writeValue(folder.resolve("text_encoder/config.json").toFile(), text);

        Files.createDirectories(folder.resolve("scheduler"));
        JSON.writeValue(folder.resolve("scheduler/scheduler_config.json").toFile(), schedulerConfig());
        JSON.writeValue(folder.resolve("model_index.json").toFile(), modelIndex());
    }

    /** DDIM with trailing spacing: 20 steps start at t=999, the noise level training saw most extremely. */
    static Map<String, Object> schedulerConfig() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("_class_name", "DDIMScheduler");
        s.put("_diffusers_version", "0.30.0");
        s.put("num_train_timesteps", NoiseSchedule.STEPS);
        s.put("beta_start", NoiseSchedule.BETA_START);
        s.put("beta_end", NoiseSchedule.BETA_END);
        s.put("beta_schedule", "scaled_linear");
        s.put("prediction_type", "v_prediction");
        s.put("steps_offset", 1);
        s.put("timestep_spacing", "trailing");
        s.put("set_alpha_to_one", false);
        s.put("clip_sample", false);
        return s;
    }

    private static Map<String, Object> modelIndex() {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("_class_name", "OnnxStableDiffusionPipeline");
        index.put("_diffusers_version", "0.30.0");
        index.put("feature_extractor", Arrays.asList(null, null));
        index.put("requires_safety_checker", false);
        index.put("safety_checker", Arrays.asList(null, null));
        index.put("scheduler", List.of("diffusers", "DDIMScheduler"));
        index.put("text_encoder", List.of("diffusers", "OnnxRuntimeModel"));
        index.put("tokenizer", List.of("transformers", "CLIPTokenizer"));
        index.put("unet", List.of("diffusers", "OnnxRuntimeModel"));
        index.put("vae_decoder", List.of("diffusers", "OnnxRuntimeModel"));
        index.put("vae_encoder", List.of("diffusers", "OnnxRuntimeModel"));
        return index;
    }

    private static void writeOnnx(Path dir, ai.onnx.proto.OnnxMl.ModelProto model) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("model.onnx"), model.toByteArray());
    }
}
