package dev.easel.engine.pipeline;

import dev.easel.engine.image.RgbImage;
import dev.easel.engine.scheduler.Sampler;
import java.util.Optional;

/**
 * What to generate. A seed of -1 asks for a random seed; image i of a request uses seed + i, as A1111 does.
 *
 * @param initImage present for image-to-image; resized to width x height
 * @param strength how much of the init image to repaint, 0..1 (image-to-image only)
 */
public record GenerationRequest(
        String prompt,
        String negativePrompt,
        int width,
        int height,
        int steps,
        double cfgScale,
        Sampler sampler,
        long seed,
        int count,
        Optional<RgbImage> initImage,
        double strength) {

    public static final long RANDOM_SEED = -1;

    public GenerationRequest {
        prompt = prompt == null ? "" : prompt;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        initImage = initImage == null ? Optional.empty() : initImage;
    }

    /** A request with A1111's defaults: 20 steps, CFG 7, Euler a, random seed, one image, at the given size. */
    public static GenerationRequest of(String prompt, int width, int height) {
        return new GenerationRequest(
                prompt, "", width, height, 20, 7, Sampler.EULER_A, RANDOM_SEED, 1, Optional.empty(), 0.75);
    }

    public GenerationRequest withNegativePrompt(String negative) {
        return new GenerationRequest(
                prompt, negative, width, height, steps, cfgScale, sampler, seed, count, initImage, strength);
    }

    public GenerationRequest withSteps(int newSteps) {
        return new GenerationRequest(
                prompt, negativePrompt, width, height, newSteps, cfgScale, sampler, seed, count, initImage, strength);
    }

    public GenerationRequest withCfgScale(double cfg) {
        return new GenerationRequest(
                prompt, negativePrompt, width, height, steps, cfg, sampler, seed, count, initImage, strength);
    }

    public GenerationRequest withSampler(Sampler newSampler) {
        return new GenerationRequest(
                prompt, negativePrompt, width, height, steps, cfgScale, newSampler, seed, count, initImage, strength);
    }

    public GenerationRequest withSeed(long newSeed) {
        return new GenerationRequest(
                prompt, negativePrompt, width, height, steps, cfgScale, sampler, newSeed, count, initImage, strength);
    }

    public GenerationRequest withCount(int newCount) {
        return new GenerationRequest(
                prompt, negativePrompt, width, height, steps, cfgScale, sampler, seed, newCount, initImage, strength);
    }

    public GenerationRequest withInitImage(RgbImage image, double newStrength) {
        return new GenerationRequest(
                prompt,
                negativePrompt,
                width,
                height,
                steps,
                cfgScale,
                sampler,
                seed,
                count,
                Optional.of(image),
                newStrength);
    }

    /** Whether classifier-free guidance runs (an unconditioned pass per step); off at CFG <= 1, as for Turbo/LCM. */
    public boolean guided() {
        return cfgScale > 1;
    }
}
