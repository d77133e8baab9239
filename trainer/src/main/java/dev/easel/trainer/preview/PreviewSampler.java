package dev.easel.trainer.preview;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.trainer.data.ImageData;
import dev.easel.trainer.text.BpeTokenizer;
import dev.easel.trainer.train.NoiseSchedule;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The trainer's own check of an exported folder: samples it with ONNX Runtime (DDIM, trailing timesteps,
 * v-prediction, classifier-free guidance) independently of the engine, and writes a prompt x seed grid.
 */
public final class PreviewSampler implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession textEncoder;
    private final OrtSession unet;
    private final OrtSession vaeDecoder;
    private final BpeTokenizer tokenizer;
    private final float scalingFactor;
    private final int latentChannels;
    private final int latentSize;
    private final int imageSize;
    private final NoiseSchedule schedule = new NoiseSchedule();

    public PreviewSampler(Path folder) throws IOException, OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        textEncoder =
                env.createSession(folder.resolve("text_encoder/model.onnx").toString(), options);
        unet = env.createSession(folder.resolve("unet/model.onnx").toString(), options);
        vaeDecoder = env.createSession(folder.resolve("vae_decoder/model.onnx").toString(), options);
        tokenizer = BpeTokenizer.read(folder.resolve("tokenizer"));
        JsonNode vae = new ObjectMapper()
                .readTree(folder.resolve("vae_decoder/config.json").toFile());
        scalingFactor = (float) vae.path("scaling_factor").asDouble();
        latentChannels = vae.path("latent_channels").asInt();
        imageSize = vae.path("sample_size").asInt();
        latentSize = imageSize >> (vae.path("block_out_channels").size() - 1);
    }

    /** One image as CHW floats in about [-1, 1]. */
    public float[] sample(String prompt, long seed, int steps, float guidance) throws OrtException {
        float[] conditional = encode(prompt);
        float[] unconditional = encode("");
        int per = latentChannels * latentSize * latentSize;
        Random random = new Random(seed);
        float[] x = new float[per];
        for (int i = 0; i < per; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] context = new float[2 * conditional.length];
        System.arraycopy(unconditional, 0, context, 0, unconditional.length);
        System.arraycopy(conditional, 0, context, conditional.length, conditional.length);
        int stride = NoiseSchedule.STEPS / steps;
        for (int i = 0; i < steps; i++) {
            int t = NoiseSchedule.STEPS - 1 - i * stride;
            float[] pair = new float[2 * per];
            System.arraycopy(x, 0, pair, 0, per);
            System.arraycopy(x, 0, pair, per, per);
            float[] v = runUnet(pair, t, context);
            double a = schedule.alphaCumprod(t);
            double aPrev = t - stride >= 0 ? schedule.alphaCumprod(t - stride) : schedule.alphaCumprod(0);
            for (int k = 0; k < per; k++) {
                double guided = v[k] + guidance * (v[per + k] - v[k]);
                double x0 = Math.sqrt(a) * x[k] - Math.sqrt(1 - a) * guided;
                double eps = Math.sqrt(a) * guided + Math.sqrt(1 - a) * x[k];
                x[k] = (float) (Math.sqrt(aPrev) * x0 + Math.sqrt(1 - aPrev) * eps);
            }
        }
        for (int k = 0; k < per; k++) {
            x[k] /= scalingFactor;
        }
        try (OnnxTensor latents = OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(x), new long[] {1, latentChannels, latentSize, latentSize});
                OrtSession.Result result = vaeDecoder.run(Map.of("latent_sample", latents))) {
            return floats((OnnxTensor) result.get(0));
        }
    }

    /** Writes a grid: one row per prompt, one column per seed. */
    public void writeGrid(Path png, List<String> prompts, long[] seeds, int steps, float guidance)
            throws OrtException, IOException {
        BufferedImage grid =
                new BufferedImage(seeds.length * imageSize, prompts.size() * imageSize, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            for (int row = 0; row < prompts.size(); row++) {
                for (int col = 0; col < seeds.length; col++) {
                    float[] image = sample(prompts.get(row), seeds[col], steps, guidance);
                    g.drawImage(ImageData.toImage(image, 0, imageSize), col * imageSize, row * imageSize, null);
                }
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(grid, "png", png.toFile());
    }

    private float[] encode(String prompt) throws OrtException {
        try (OnnxTensor ids = OnnxTensor.createTensor(
                        env, IntBuffer.wrap(tokenizer.encode(prompt)), new long[] {1, BpeTokenizer.MAX_LENGTH});
                OrtSession.Result result = textEncoder.run(Map.of("input_ids", ids))) {
            return floats((OnnxTensor) result.get("last_hidden_state").orElseThrow());
        }
    }

    private float[] runUnet(float[] pair, int t, float[] context) throws OrtException {
        long contextDim = context.length / (2L * BpeTokenizer.MAX_LENGTH);
        try (OnnxTensor sample = OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(pair), new long[] {2, latentChannels, latentSize, latentSize});
                OnnxTensor timestep = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {t, t}), new long[] {2});
                OnnxTensor states = OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(context), new long[] {2, BpeTokenizer.MAX_LENGTH, contextDim});
                OrtSession.Result result =
                        unet.run(Map.of("sample", sample, "timestep", timestep, "encoder_hidden_states", states))) {
            return floats((OnnxTensor) result.get("out_sample").orElseThrow());
        }
    }

    private static float[] floats(OnnxTensor tensor) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    @Override
    public void close() throws OrtException {
        textEncoder.close();
        unet.close();
        vaeDecoder.close();
    }

    /** Usage: PreviewSampler MODEL_FOLDER OUT.png "prompt" ["prompt" ...] */
    public static void main(String[] args) throws Exception {
        try (PreviewSampler sampler = new PreviewSampler(Path.of(args[0]))) {
            sampler.writeGrid(Path.of(args[1]), List.of(args).subList(2, args.length), new long[] {1, 2, 3, 4}, 20, 4f);
        }
    }
}
