package dev.easel.engine.pipeline;

import dev.easel.engine.model.UNet;
import dev.easel.engine.model.UNetInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Advances samples one denoising step. Samples of one latent size share a single UNet call whatever their request,
 * prompt, guidance or step, when the model's timestep has a batch axis; otherwise one call per distinct timestep.
 * Guided samples contribute an unconditioned and a conditioned row to the same call.
 */
public final class Denoiser {
    private final UNet unet;

    public Denoiser(UNet unet) {
        this.unet = unet;
    }

    /** Runs one step for every unfinished sample in the list; finished samples are left as they are. */
    public void step(List<Sample> samples) {
        Map<Long, List<Sample>> bySize = new LinkedHashMap<>();
        for (Sample sample : samples) {
            if (!sample.done()) {
                long size = ((long) sample.latentHeight() << 32) | sample.latentWidth();
                bySize.computeIfAbsent(size, s -> new ArrayList<>()).add(sample);
            }
        }
        bySize.values().forEach(this::stepSameSize);
    }

    private void stepSameSize(List<Sample> samples) {
        List<UNetInput> rows = new ArrayList<>();
        for (Sample sample : samples) {
            float[] input = sample.modelInput();
            double timestep = sample.timestep();
            if (sample.guided()) {
                rows.add(
                        new UNetInput(input, timestep, sample.setup().negative().states()));
            }
            rows.add(new UNetInput(input, timestep, sample.setup().prompt().states()));
        }
        Sample first = samples.get(0);
        List<float[]> predictions = unet.predict(rows, first.latentHeight(), first.latentWidth());
        int row = 0;
        for (Sample sample : samples) {
            if (sample.guided()) {
                float[] uncond = predictions.get(row++);
                float[] cond = predictions.get(row++);
                sample.advance(guide(uncond, cond, (float) sample.setup().cfgScale()));
            } else {
                sample.advance(predictions.get(row++));
            }
        }
    }

    /** Classifier-free guidance: uncond + scale * (cond - uncond). */
    static float[] guide(float[] uncond, float[] cond, float scale) {
        float[] out = new float[cond.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = uncond[i] + scale * (cond[i] - uncond[i]);
        }
        return out;
    }
}
