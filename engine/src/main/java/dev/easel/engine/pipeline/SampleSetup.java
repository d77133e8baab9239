package dev.easel.engine.pipeline;

import dev.easel.engine.scheduler.Sampler;

/**
 * Everything one image's denoising needs.
 *
 * @param negative the unconditioned prompt, or null to run without classifier-free guidance
 * @param initLatents encoded init image for image-to-image, or null for text-to-image
 * @param strength how much of the init image to repaint, 0..1 (image-to-image only)
 */
public record SampleSetup(
        EncodedPrompt prompt,
        EncodedPrompt negative,
        double cfgScale,
        Sampler sampler,
        int steps,
        long seed,
        int width,
        int height,
        float[] initLatents,
        double strength) {}
