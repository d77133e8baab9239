package dev.easel.engine.scheduler;

/** Gaussian noise for stochastic samplers and initial latents; one per sample, seeded, deterministic. */
public interface NoiseSource {
    /** The next {@code count} standard normal values of this source's stream. */
    float[] gaussian(int count);
}
