package dev.easel.engine.model;

import dev.easel.engine.ModelException;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.tensor.FloatTensor;
import java.util.Arrays;
import java.util.Map;

/** The VAE encoder, for image-to-image: RGB image to scaled latents (the distribution's mean, so it is deterministic). */
public final class VaeEncoder {
    private final OnnxPart part;
    private final String imageInput;
    private final String latentOutput;
    private final double scalingFactor;

    VaeEncoder(OnnxPart part, double scalingFactor) {
        this.part = part;
        this.scalingFactor = scalingFactor;
        this.imageInput = Signatures.pick(part.file(), "input", part.inputs(), "sample", 4, Signatures.FLOATS);
        String output = part.outputs().containsKey("latent_parameters") ? "latent_parameters" : "latent_sample";
        this.latentOutput = Signatures.pick(part.file(), "output", part.outputs(), output, 4, Signatures.FLOATS);
    }

    /** Encodes one image into latents [channels * h * w] in scheduler space. */
    public float[] encode(RgbImage image, int latentChannels) {
        FloatTensor in = new FloatTensor(new long[] {1, 3, image.height(), image.width()}, image.toChw());
        FloatTensor out = part.run(Map.of(imageInput, in)).get(latentOutput);
        long[] shape = out.shape();
        int cells = (int) (shape[2] * shape[3]);
        // Exports that emit mean and log-variance stacked on the channel axis have twice the latent channels.
        if (shape[1] != latentChannels && shape[1] != 2L * latentChannels) {
            throw new ModelException(part.file() + ": encoded latents have shape " + Arrays.toString(shape)
                    + " but the model uses " + latentChannels + " latent channels");
        }
        float[] latents = new float[latentChannels * cells];
        for (int i = 0; i < latents.length; i++) {
            latents[i] = (float) (out.data()[i] * scalingFactor);
        }
        return latents;
    }

    OnnxPart part() {
        return part;
    }
}
