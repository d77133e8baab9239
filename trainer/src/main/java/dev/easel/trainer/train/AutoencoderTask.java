package dev.easel.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.easel.trainer.graph.DjlOps;
import dev.easel.trainer.graph.OwnedArrays;
import dev.easel.trainer.net.VaeDecoder;
import dev.easel.trainer.net.VaeEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the image autoencoder: L1 reconstruction of decoder(encoder(x) + small noise), with a light L2 pull on the
 * latents. The noise makes the decoder tolerate the imprecise latents a diffusion model produces; the L2 term stops
 * the encoder from out-scaling that noise.
 */
public final class AutoencoderTask implements TrainingTask {

    private static final float LATENT_NOISE = 0.1f;
    private static final float LATENT_PENALTY = 1e-4f;

    private final VaeEncoder encoder;
    private final VaeDecoder decoder;
    private final DjlOps encoderOps;
    private final DjlOps decoderOps;
    private final List<float[]> images;
    private final int imageSize;
    private final int batchSize;
    private final LearningRate learningRate;
    private final long seed;
    private final Adam adam = new Adam(1.0f);
    private final Map<String, NDArray> all = new LinkedHashMap<>();

    public AutoencoderTask(
            VaeEncoder encoder,
            VaeDecoder decoder,
            NDManager manager,
            List<float[]> images,
            TrainingSettings settings) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.images = images;
        this.imageSize = (int) Math.round(Math.sqrt(images.get(0).length / 3.0));
        this.batchSize = settings.batchSize();
        this.learningRate = new LearningRate(settings.learningRate(), 100, settings.steps());
        this.seed = settings.seed();
        this.encoderOps = new DjlOps(manager, seed);
        this.decoderOps = new DjlOps(manager, seed + 1);
        NDArray probe = manager.zeros(new Shape(1, 3, imageSize, imageSize));
        decoder.forward(decoderOps, encoder.forward(encoderOps, probe));
        encoderOps.parameters().forEach((k, v) -> all.put("encoder." + k, v));
        decoderOps.parameters().forEach((k, v) -> all.put("decoder." + k, v));
        all.values().forEach(p -> p.setRequiresGradient(true));
    }

    public Map<String, NDArray> encoderParameters() {
        return encoderOps.parameters();
    }

    public Map<String, NDArray> decoderParameters() {
        return decoderOps.parameters();
    }

    /** Encodes images (no gradients) in batches; returns one latent array per image. */
    public List<float[]> encode(List<float[]> batchImages) {
        NDManager manager = encoderOps.manager();
        int pixels = batchImages.get(0).length;
        float[] flat = new float[batchImages.size() * pixels];
        for (int i = 0; i < batchImages.size(); i++) {
            System.arraycopy(batchImages.get(i), 0, flat, i * pixels, pixels);
        }
        NDArray x = OwnedArrays.of(manager, flat, new Shape(batchImages.size(), 3, imageSize, imageSize));
        float[] z = encoder.forward(encoderOps, x).toFloatArray();
        int per = z.length / batchImages.size();
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < batchImages.size(); i++) {
            out.add(Arrays.copyOfRange(z, i * per, (i + 1) * per));
        }
        return out;
    }

    @Override
    public String name() {
        return "autoencoder";
    }

    @Override
    public int totalSteps() {
        return learningRate.total();
    }

    @Override
    public Map<String, Map<String, NDArray>> state() {
        Map<String, Map<String, NDArray>> state = new LinkedHashMap<>();
        state.put("encoder", encoderOps.parameters());
        state.put("decoder", decoderOps.parameters());
        state.put("adam.m", adam.firstMoments());
        state.put("adam.v", adam.secondMoments());
        return state;
    }

    @Override
    public float step(int step) {
        Random random = new Random(seed * 1_000_003L + step);
        NDManager manager = encoderOps.manager();
        int pixels = 3 * imageSize * imageSize;
        float[] batch = new float[batchSize * pixels];
        for (int b = 0; b < batchSize; b++) {
            System.arraycopy(images.get(random.nextInt(images.size())), 0, batch, b * pixels, pixels);
        }
        NDArray x = OwnedArrays.of(manager, batch, new Shape(batchSize, 3, imageSize, imageSize));
        float loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray z = encoder.forward(encoderOps, x);
            float[] noise = gaussian(random, Math.toIntExact(z.size()), LATENT_NOISE);
            NDArray noisy = z.add(OwnedArrays.of(manager, noise, z.getShape()));
            NDArray reconstruction = decoder.forward(decoderOps, noisy);
            NDArray value =
                    reconstruction.sub(x).abs().mean().add(z.square().mean().mul(LATENT_PENALTY));
            gc.backward(value);
            loss = value.getFloat();
        }
        if (!adam.step(all, learningRate.at(step), step + 1)) {
            return Float.NaN;
        }
        return loss;
    }

    static float[] gaussian(Random random, int size, float std) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }
}
