package dev.easel.engine.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes tiny Stable-Diffusion model folders in the diffusers ONNX layout: real operators, fixed random weights (the
 * same spec always gives the same bytes), built in milliseconds.
 *
 * <p>Behaviour tests may rely on: text encoder states differ per prompt; the UNet's out_sample depends on sample,
 * timestep and text per batch element and stays of order 1 (it is the sample plus a small correction); the VAE decoder
 * output is in [-1, 1]; the safety checker flags exactly the images whose clip_input has mean {@code red - (green +
 * blue) / 2} above 0.5 (a pure red image, raw or CLIP-normalised) and returns images unchanged.
 */
public final class TinyModels {
    /** SD's VAE latent scaling factor, written to vae_decoder/config.json. */
    public static final double VAE_SCALING_FACTOR = 0.18215;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ONNX_RUNTIME_MODEL = "OnnxRuntimeModel";

    private TinyModels() {}

    /** Writes the whole model folder into {@code dir} (created if missing) and returns {@code dir}. */
    public static Path write(Path dir, TinyModelSpec spec) {
        writeTokenizer(dir.resolve("tokenizer"));
        int vocabSize = TinyTokenizer.vocab().size();
        TextEncoderGraph.build(spec.textWidth(), vocabSize, partSeed(spec, 1))
                .write(dir.resolve("text_encoder/model.onnx"));
        OnnxGraph unet = UNetGraph.build(spec, partSeed(spec, 2));
        if (spec.externalUnetWeights()) {
            unet.writeWithExternalData(dir.resolve("unet/model.onnx"), "weights.pb");
        } else {
            unet.write(dir.resolve("unet/model.onnx"));
        }
        VaeDecoderGraph.build(spec.latentChannels(), spec.vaeFactor(), partSeed(spec, 3))
                .write(dir.resolve("vae_decoder/model.onnx"));
        if (spec.writeVaeConfig()) {
            writeJson(dir.resolve("vae_decoder/config.json"), vaeConfig(spec));
        }
        if (spec.vaeEncoder()) {
            VaeEncoderGraph.build(spec.latentChannels(), spec.vaeFactor(), partSeed(spec, 4))
                    .write(dir.resolve("vae_encoder/model.onnx"));
        }
        if (spec.safetyChecker()) {
            SafetyCheckerGraph.build().write(dir.resolve("safety_checker/model.onnx"));
            writeJson(dir.resolve("feature_extractor/preprocessor_config.json"), clipImageProcessorConfig());
        }
        writeJson(dir.resolve("scheduler/scheduler_config.json"), schedulerConfig(spec));
        writeJson(dir.resolve("model_index.json"), modelIndex(spec));
        return dir;
    }

    /**
     * Writes vocab.json, merges.txt, tokenizer_config.json and special_tokens_map.json of a small CLIP-style
     * vocabulary: both special tokens, the 256 byte characters and their {@code </w>} forms, and merges that make
     * each of a few English words ("a", "the", "red", "blue", "cat", "dog", "heart", ...) a single token.
     */
    public static void writeTokenizer(Path tokenizerDir) {
        TinyTokenizer.write(tokenizerDir);
    }

    /** Writes bytes that no ONNX parser accepts (an invalid protobuf wire type up front). */
    public static void writeCorruptOnnx(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] text = "this is not an ONNX model".getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = new byte[text.length + 4];
            Arrays.fill(bytes, 0, 4, (byte) 0xFF);
            System.arraycopy(text, 0, bytes, 4, text.length);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A heavier UNet (64 channels, 2 attention blocks, text width 128) for latency and throughput measurements. */
    public static TinyModelSpec benchmarkSpec() {
        return TinyModelSpec.defaults()
                .withUnetChannels(64)
                .withAttentionBlocks(2)
                .withTextWidth(128);
    }

    public static Path benchmarkModel(Path dir) {
        return write(dir, benchmarkSpec());
    }

    private static long partSeed(TinyModelSpec spec, int part) {
        return spec.weightSeed() * 1_000_003L + part;
    }

    private static ObjectNode modelIndex(TinyModelSpec spec) {
        ObjectNode index = JSON.createObjectNode()
                .put("_class_name", "OnnxStableDiffusionPipeline")
                .put("_diffusers_version", "0.30.0");
        component(index, "feature_extractor", spec.safetyChecker(), "transformers", "CLIPImageProcessor");
        index.put("requires_safety_checker", spec.safetyChecker());
        component(index, "safety_checker", spec.safetyChecker(), "diffusers", ONNX_RUNTIME_MODEL);
        component(index, "scheduler", true, "diffusers", "PNDMScheduler");
        component(index, "text_encoder", true, "diffusers", ONNX_RUNTIME_MODEL);
        component(index, "tokenizer", true, "transformers", "CLIPTokenizer");
        component(index, "unet", true, "diffusers", ONNX_RUNTIME_MODEL);
        component(index, "vae_decoder", true, "diffusers", ONNX_RUNTIME_MODEL);
        component(index, "vae_encoder", spec.vaeEncoder(), "diffusers", ONNX_RUNTIME_MODEL);
        return index;
    }

    /** diffusers writes [library, class] for a present component and [null, null] for an absent one. */
    private static void component(ObjectNode index, String name, boolean present, String library, String className) {
        ArrayNode entry = index.putArray(name);
        if (present) {
            entry.add(library).add(className);
        } else {
            entry.addNull().addNull();
        }
    }

    private static ObjectNode schedulerConfig(TinyModelSpec spec) {
        return JSON.createObjectNode()
                .put("_class_name", "PNDMScheduler")
                .put("_diffusers_version", "0.30.0")
                .put("beta_end", 0.012)
                .put("beta_schedule", "scaled_linear")
                .put("beta_start", 0.00085)
                .put("clip_sample", false)
                .put("num_train_timesteps", 1000)
                .put("prediction_type", spec.predictionType())
                .put("set_alpha_to_one", false)
                .put("skip_prk_steps", true)
                .put("steps_offset", 1)
                .put("timestep_spacing", "leading")
                .putNull("trained_betas");
    }

    /** block_out_channels has log2(f) + 1 entries because the VAE upsamples by 2 between consecutive blocks. */
    private static ObjectNode vaeConfig(TinyModelSpec spec) {
        ObjectNode config = JSON.createObjectNode()
                .put("_class_name", "AutoencoderKL")
                .put("_diffusers_version", "0.30.0")
                .put("in_channels", 3)
                .put("out_channels", 3)
                .put("latent_channels", spec.latentChannels())
                .put("scaling_factor", VAE_SCALING_FACTOR);
        ArrayNode blocks = config.putArray("block_out_channels");
        int levels = Integer.numberOfTrailingZeros(spec.vaeFactor()) + 1;
        for (int level = 0; level < levels; level++) {
            blocks.add(VaeDecoderGraph.CHANNELS << Math.min(level, 2));
        }
        return config;
    }

    /** The CLIP preprocessing the safety checker's clip_input expects (diffusers pipelines read this file). */
    private static ObjectNode clipImageProcessorConfig() {
        ObjectNode config = JSON.createObjectNode()
                .put("image_processor_type", "CLIPImageProcessor")
                .put("do_resize", true)
                .put("do_center_crop", true)
                .put("do_rescale", true)
                .put("rescale_factor", 1 / 255.0)
                .put("do_normalize", true)
                .put("do_convert_rgb", true)
                .put("resample", 3);
        config.putObject("size").put("shortest_edge", SafetyCheckerGraph.CLIP_SIZE);
        config.putObject("crop_size")
                .put("height", SafetyCheckerGraph.CLIP_SIZE)
                .put("width", SafetyCheckerGraph.CLIP_SIZE);
        config.putArray("image_mean").add(0.48145466).add(0.4578275).add(0.40821073);
        config.putArray("image_std").add(0.26862954).add(0.26130258).add(0.27577711);
        return config;
    }

    private static void writeJson(Path file, ObjectNode json) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
