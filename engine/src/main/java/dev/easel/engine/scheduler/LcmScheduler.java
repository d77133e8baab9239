package dev.easel.engine.scheduler;

import dev.easel.engine.InvalidRequestException;

/**
 * Latent Consistency Model sampling as diffusers' LCMScheduler: each step maps the sample to a clean estimate
 * through the consistency boundary condition c_skip * x + c_out * x0, then, except after the last step, noises that
 * estimate afresh to the next timestep. Timesteps come from the distillation schedule of original_inference_steps
 * evenly spaced timesteps; timestep_spacing does not apply, as in diffusers.
 */
final class LcmScheduler extends DiscreteScheduler {
    /** Data standard deviation of the consistency-model parametrisation. */
    private static final double SIGMA_DATA = 0.5;

    private final PredictionType prediction;
    private final double[] alphasCumprod;
    private final double timestepScaling;

    private LcmScheduler(double[] timesteps, double[] sigmas, SchedulerConfig config, double[] alphasCumprod) {
        super(timesteps, sigmas);
        this.prediction = config.predictionType();
        this.alphasCumprod = alphasCumprod;
        this.timestepScaling = config.timestepScaling();
    }

    static LcmScheduler create(SchedulerConfig config, int steps) {
        int originalSteps = config.originalInferenceSteps();
        if (steps > originalSteps) {
            throw new InvalidRequestException("steps must be at most " + originalSteps
                    + " for sampler LCM (the model's original_inference_steps), got " + steps);
        }
        // The distillation schedule k-1, 2k-1, ..., originalSteps*k - 1 (k = N / originalSteps), taken from the top
        // at floor(i * originalSteps / steps).
        int k = config.numTrainTimesteps() / originalSteps;
        double indexStep = (double) originalSteps / steps;
        double[] alphasCumprod = config.alphasCumprod();
        double[] timesteps = new double[steps];
        double[] sigmas = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            int fromTop = (int) Math.floor(i * indexStep);
            timesteps[i] = (double) (originalSteps - fromTop) * k - 1;
            sigmas[i] = NoiseMath.sigmaOfAlphaBar(alphasCumprod[(int) timesteps[i]]);
        }
        // The last step returns the clean estimate itself.
        sigmas[steps] = 0;
        return new LcmScheduler(timesteps, sigmas, config, alphasCumprod);
    }

    @Override
    public float[] step(float[] modelOutput, int step, float[] sample, NoiseSource noise) {
        checkStep(step);
        checkSameLength(modelOutput, sample);
        int timestep = (int) timestep(step);
        double alphaBar = alphasCumprod[timestep];
        float[] x0 = prediction.originalSample(modelOutput, sample, 1, Math.sqrt(alphaBar), Math.sqrt(1 - alphaBar));
        double scaled = timestep * timestepScaling;
        double skip = SIGMA_DATA * SIGMA_DATA / (scaled * scaled + SIGMA_DATA * SIGMA_DATA);
        double out = scaled / Math.sqrt(scaled * scaled + SIGMA_DATA * SIGMA_DATA);
        float[] denoised = NoiseMath.combine(out, x0, skip, sample);
        if (isLastStep(step)) {
            return denoised;
        }
        double nextAlphaBar = alphasCumprod[(int) timestep(step + 1)];
        return NoiseMath.combine(
                Math.sqrt(nextAlphaBar), denoised, Math.sqrt(1 - nextAlphaBar), noise.gaussian(sample.length));
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int step) {
        checkStep(step);
        checkSameLength(original, noise);
        double alphaBar = alphasCumprod[(int) timestep(step)];
        return NoiseMath.combine(Math.sqrt(alphaBar), original, Math.sqrt(1 - alphaBar), noise);
    }
}
