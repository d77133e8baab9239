package dev.easel.engine.scheduler;

import java.util.Arrays;

/**
 * Euler and Euler ancestral in k-diffusion form, as diffusers' EulerDiscreteScheduler (s_churn = 0) and
 * EulerAncestralDiscreteScheduler: samples are x0 + sigma * eps, the model sees them divided by sqrt(sigma^2 + 1).
 */
final class EulerScheduler extends DiscreteScheduler {
    private final PredictionType prediction;
    private final boolean ancestral;
    private final double initNoiseSigma;

    private EulerScheduler(
            double[] timesteps, double[] sigmas, PredictionType prediction, boolean ancestral, double initNoiseSigma) {
        super(timesteps, sigmas);
        this.prediction = prediction;
        this.ancestral = ancestral;
        this.initNoiseSigma = initNoiseSigma;
    }

    /** @param ancestral Euler a: step below the next noise level and add fresh noise back up to it */
    static EulerScheduler create(SchedulerConfig config, int steps, boolean ancestral) {
        TimestepSpacing spacing = config.timestepSpacing().orElse(TimestepSpacing.LINSPACE);
        double[] timesteps = spacing.timesteps(config.numTrainTimesteps(), steps, config.stepsOffset());
        double[] trainingSigmas = NoiseMath.trainingSigmas(config.alphasCumprod());
        double[] sigmas = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            sigmas[i] = NoiseMath.interpolate(trainingSigmas, timesteps[i]);
        }
        double maxSigma = Arrays.stream(sigmas).max().orElseThrow();
        // diffusers' rule: with leading spacing the run starts at sqrt(max^2 + 1), otherwise at the largest sigma.
        double initNoiseSigma = spacing == TimestepSpacing.LEADING ? Math.sqrt(maxSigma * maxSigma + 1) : maxSigma;
        return new EulerScheduler(timesteps, sigmas, config.predictionType(), ancestral, initNoiseSigma);
    }

    @Override
    public double initNoiseSigma() {
        return initNoiseSigma;
    }

    @Override
    public float[] scaleModelInput(float[] sample, int step) {
        checkStep(step);
        return NoiseMath.scale(sample, NoiseMath.alphaOfSigma(sigma(step)));
    }

    @Override
    public float[] step(float[] modelOutput, int step, float[] sample, NoiseSource noise) {
        checkStep(step);
        checkSameLength(modelOutput, sample);
        double sigma = sigma(step);
        double next = sigma(step + 1);
        double alpha = NoiseMath.alphaOfSigma(sigma);
        float[] denoised = prediction.originalSample(modelOutput, sample, alpha, alpha, sigma * alpha);
        if (!ancestral) {
            // x + (x - x0) / sigma * (next - sigma), written as a blend of x and x0
            return NoiseMath.combine(next / sigma, sample, 1 - next / sigma, denoised);
        }
        // Split the next level into a deterministic part (down) and fresh noise (up): down^2 + up^2 = next^2.
        double down = next * next / sigma;
        double up = Math.sqrt(Math.max(next * next - down * down, 0));
        float[] result = NoiseMath.combine(down / sigma, sample, 1 - down / sigma, denoised);
        if (up > 0) {
            float[] fresh = noise.gaussian(result.length);
            for (int i = 0; i < result.length; i++) {
                result[i] += (float) (up * fresh[i]);
            }
        }
        return result;
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int step) {
        checkStep(step);
        checkSameLength(original, noise);
        return NoiseMath.combine(1, original, sigma(step), noise);
    }
}
