package dev.easel.engine.scheduler;

/**
 * The noise schedule and update rule of one sample's denoising run, created by {@link Sampler#create}. One instance
 * per sample: multistep samplers keep history between steps. Not thread-safe.
 *
 * <p>Steps are indexed 0..steps()-1 and run in order. Image-to-image runs start at a later index: the first step a
 * scheduler executes, whatever its index, uses no history.
 */
public interface Scheduler {
    /** The model timestep of each step, in use order; fractional where the sampler interpolates (Euler linspace). */
    double[] timesteps();

    /**
     * The k-diffusion noise level sqrt((1 - alphaBar) / alphaBar) of each step, plus the level after the last step
     * (length steps() + 1). DDIM and LCM report the equivalent value of their timestep's alpha-bar.
     */
    double[] sigmas();

    /** The number of steps, {@code timesteps().length}. */
    int steps();

    /** Multiply unit gaussian initial latents by this to start a text-to-image run. */
    double initNoiseSigma();

    /** The sample as the model should see it at {@code step}, in a new array. */
    float[] scaleModelInput(float[] sample, int step);

    /**
     * Advances the sample past {@code step} given the model's output for it.
     *
     * @param noise supplies fresh noise to stochastic samplers (Euler a, LCM); others do not draw from it
     * @return the sample for the next step (after the last step: the result), in a new array
     */
    float[] step(float[] modelOutput, int step, float[] sample, NoiseSource noise);

    /** Image-to-image: noises clean latents {@code original} with unit gaussian {@code noise} to the level of step. */
    float[] addNoise(float[] original, float[] noise, int step);
}
