package dev.easel.engine.model;

import dev.easel.engine.ModelException;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The VAE decoder: latents in scheduler space (it divides by the scaling factor) to RGB images. */
public final class VaeDecoder {
    private final OnnxPart part;
    private final String latentInput;
    private final String imageOutput;
    private final int channels;
    private final long fixedBatch;
    private final double scalingFactor;

    VaeDecoder(OnnxPart part, double scalingFactor) {
        this.part = part;
        this.scalingFactor = scalingFactor;
        this.latentInput = Signatures.pick(part.file(), "input", part.inputs(), "latent_sample", 4, Signatures.FLOATS);
        this.imageOutput = Signatures.pick(part.file(), "output", part.outputs(), "sample", 4, Signatures.FLOATS);
        this.channels = (int) Signatures.dim(part.inputs().get(latentInput), 1);
        this.fixedBatch = Signatures.dim(part.inputs().get(latentInput), 0);
        long outChannels = Signatures.dim(part.outputs().get(imageOutput), 1);
        if (outChannels != 0 && outChannels != 3) {
            throw new ModelException(
                    part.file() + ": " + imageOutput + " has " + outChannels + " channels, expected 3");
        }
    }

    /** Latent channels the decoder takes (0 when dynamic). */
    public int channels() {
        return channels;
    }

    /** Decodes latents [channels * h * w] in scheduler space into images. */
    public List<RgbImage> decode(List<float[]> latents, int latentHeight, int latentWidth) {
        List<float[]> unscaled = new ArrayList<>(latents.size());
        for (float[] latent : latents) {
            float[] copy = new float[latent.length];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = (float) (latent[i] / scalingFactor);
            }
            unscaled.add(copy);
        }
        int latentChannels = latents.get(0).length / (latentHeight * latentWidth);
        return part.inRows(unscaled, fixedBatch, rows -> {
            FloatTensor in = FloatTensor.stack(rows, latentChannels, latentHeight, latentWidth);
            FloatTensor out = part.run(Map.of(latentInput, in)).get(imageOutput);
            long[] shape = out.shape();
            if (shape.length != 4 || shape[1] != 3) {
                throw new ModelException(part.file() + ": decoded images have shape " + Arrays.toString(shape));
            }
            int height = (int) shape[2];
            int width = (int) shape[3];
            return Arrays.stream(out.unstack())
                    .map(chw -> RgbImage.fromChw(chw, width, height))
                    .toList();
        });
    }

    OnnxPart part() {
        return part;
    }
}
