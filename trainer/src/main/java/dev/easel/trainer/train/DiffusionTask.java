package dev.easel.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.easel.trainer.data.CaptionGenerator;
import dev.easel.trainer.data.Emoji;
import dev.easel.trainer.graph.DjlOps;
import dev.easel.trainer.graph.OwnedArrays;
import dev.easel.trainer.net.TextEncoder;
import dev.easel.trainer.net.UNet;
import dev.easel.trainer.text.BpeTokenizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the text encoder and the UNet together on scaled latents with v-prediction (what worked in the trial: SD's
 * scaled_linear betas, v-prediction, EMA, 10% empty captions so classifier-free guidance has an unconditional model).
 */
public final class DiffusionTask implements TrainingTask {

    private static final float CAPTION_DROPOUT = 0.1f;

    private final TextEncoder textEncoder;
    private final UNet unet;
    private final DjlOps textOps;
    private final DjlOps unetOps;
    private final List<Emoji> emojis;
    private final List<float[]> latents;
    private final int[] latentShape;
    private final BpeTokenizer tokenizer;
    private final TrainingSettings settings;
    private final LearningRate learningRate;
    private final NoiseSchedule schedule = new NoiseSchedule();
    private final Adam adam = new Adam(1.0f);
    private final Ema ema;
    private final Map<String, NDArray> all = new LinkedHashMap<>();

    /** {@code latents.get(i)} is the scaled latent [C, h, w] of {@code emojis.get(i)}. */
    public DiffusionTask(
            Networks networks,
            NDManager manager,
            List<Emoji> emojis,
            List<float[]> latents,
            BpeTokenizer tokenizer,
            TrainingSettings settings,
            float emaDecay) {
        this.textEncoder = networks.textEncoder();
        this.unet = networks.unet();
        this.emojis = emojis;
        this.latents = latents;
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.learningRate = new LearningRate(settings.learningRate(), 200, settings.steps());
        this.ema = new Ema(emaDecay);
        int side = (int) Math.round(Math.sqrt(latents.get(0).length / (double) unet.latentChannels()));
        this.latentShape = new int[] {unet.latentChannels(), side, side};
        this.textOps = new DjlOps(manager, settings.seed() + 2);
        this.unetOps = new DjlOps(manager, settings.seed() + 3);
        NDArray ids = OwnedArrays.of(manager, tokenizer.encode(""), new Shape(1, BpeTokenizer.MAX_LENGTH));
        NDArray context = textEncoder.forward(textOps, ids);
        unet.forward(
                unetOps,
                manager.zeros(new Shape(1, latentShape[0], side, side)),
                OwnedArrays.of(manager, new long[] {1}, new Shape(1)),
                context);
        textOps.parameters().forEach((k, v) -> all.put("text_encoder." + k, v));
        unetOps.parameters().forEach((k, v) -> all.put("unet." + k, v));
        all.values().forEach(p -> p.setRequiresGradient(true));
        ema.update(all);
    }

    /** The text encoder and UNet shapes trained together. */
    public record Networks(TextEncoder textEncoder, UNet unet) {}

    /** EMA weights of one network ("text_encoder" or "unet"), names without the prefix. */
    public Map<String, NDArray> averaged(String network) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        String prefix = network + ".";
        ema.average().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    @Override
    public String name() {
        return "diffusion";
    }

    @Override
    public int totalSteps() {
        return settings.steps();
    }

    @Override
    public Map<String, Map<String, NDArray>> state() {
        Map<String, Map<String, NDArray>> state = new LinkedHashMap<>();
        state.put("text_encoder", textOps.parameters());
        state.put("unet", unetOps.parameters());
        state.put("adam.m", adam.firstMoments());
        state.put("adam.v", adam.secondMoments());
        state.put("ema", ema.average());
        return state;
    }

    @Override
    public float step(int step) {
        Random random = new Random(settings.seed() * 1_000_003L + step);
        int batch = settings.batchSize();
        int per = latents.get(0).length;
        int[] ids = new int[batch * BpeTokenizer.MAX_LENGTH];
        long[] timesteps = new long[batch];
        float[] noisy = new float[batch * per];
        float[] target = new float[batch * per];
        for (int b = 0; b < batch; b++) {
            int index = random.nextInt(latents.size());
            String caption =
                    random.nextFloat() < CAPTION_DROPOUT ? "" : CaptionGenerator.caption(emojis.get(index), random);
            System.arraycopy(tokenizer.encode(caption), 0, ids, b * BpeTokenizer.MAX_LENGTH, BpeTokenizer.MAX_LENGTH);
            int t = random.nextInt(NoiseSchedule.STEPS);
            timesteps[b] = t;
            float signal = (float) Math.sqrt(schedule.alphaCumprod(t));
            float noiseLevel = (float) Math.sqrt(1 - schedule.alphaCumprod(t));
            float[] x0 = latents.get(index);
            for (int i = 0; i < per; i++) {
                float eps = (float) random.nextGaussian();
                noisy[b * per + i] = signal * x0[i] + noiseLevel * eps;
                // v = sqrt(a) * eps - sqrt(1 - a) * x0 (Salimans & Ho)
                target[b * per + i] = signal * eps - noiseLevel * x0[i];
            }
        }
        NDManager manager = unetOps.manager();
        Shape shape = new Shape(batch, latentShape[0], latentShape[1], latentShape[2]);
        float loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray context = textEncoder.forward(
                    textOps, OwnedArrays.of(manager, ids, new Shape(batch, BpeTokenizer.MAX_LENGTH)));
            NDArray prediction = unet.forward(
                    unetOps,
                    OwnedArrays.of(manager, noisy, shape),
                    OwnedArrays.of(manager, timesteps, new Shape(batch)),
                    context);
            NDArray value = prediction
                    .sub(OwnedArrays.of(manager, target, shape))
                    .square()
                    .mean();
            gc.backward(value);
            loss = value.getFloat();
        }
        if (!adam.step(all, learningRate.at(step), step + 1)) {
            return Float.NaN;
        }
        ema.update(all);
        return loss;
    }
}
