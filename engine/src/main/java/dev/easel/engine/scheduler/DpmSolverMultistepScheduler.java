package dev.easel.engine.scheduler;

import java.util.Arrays;

/**
 * DPM-Solver++(2M) as diffusers' DPMSolverMultistepScheduler with algorithm_type "dpmsolver++", solver_order 2,
 * solver_type "midpoint" and final sigma 0: variance-preserving samples, a second-order update from the previous
 * step's clean-sample estimate, first order on the first executed step and on the last step. The Karras variant
 * spaces the noise levels per Karras et al. (rho = 7) and derives timesteps from them.
 */
final class DpmSolverMultistepScheduler extends DiscreteScheduler {
    private final PredictionType prediction;

    /** Clean-sample estimate of the last executed step, for the second-order correction; null before any step. */
    private float[] previousDenoised;

    private int previousStep = -1;

    private DpmSolverMultistepScheduler(double[] timesteps, double[] sigmas, PredictionType prediction) {
        super(timesteps, sigmas);
        this.prediction = prediction;
    }

    static DpmSolverMultistepScheduler create(SchedulerConfig config, int steps, boolean karras) {
        double[] trainingSigmas = NoiseMath.trainingSigmas(config.alphasCumprod());
        double[] timesteps = new double[steps];
        double[] sigmas = new double[steps + 1];
        if (karras) {
            double[] karrasSigmas =
                    NoiseMath.karrasSigmas(trainingSigmas[0], trainingSigmas[trainingSigmas.length - 1], steps);
            for (int i = 0; i < steps; i++) {
                sigmas[i] = karrasSigmas[i];
                timesteps[i] = Math.rint(NoiseMath.timestepOfSigma(karrasSigmas[i], trainingSigmas));
            }
        } else {
            double[] spaced = spacedTimesteps(config, steps);
            for (int i = 0; i < steps; i++) {
                timesteps[i] = Math.rint(spaced[i]);
                sigmas[i] = NoiseMath.interpolate(trainingSigmas, timesteps[i]);
            }
        }
        return new DpmSolverMultistepScheduler(timesteps, sigmas, config.predictionType());
    }

    /** diffusers spaces steps + 1 points for leading and linspace and drops the one at t = 0 (plus offset). */
    private static double[] spacedTimesteps(SchedulerConfig config, int steps) {
        TimestepSpacing spacing = config.timestepSpacing().orElse(TimestepSpacing.LINSPACE);
        int trainSteps = config.numTrainTimesteps();
        if (spacing == TimestepSpacing.TRAILING) {
            return spacing.timesteps(trainSteps, steps, config.stepsOffset());
        }
        double[] withEnd = spacing.timesteps(trainSteps, steps + 1, config.stepsOffset());
        return Arrays.copyOf(withEnd, steps);
    }

    @Override
    public float[] step(float[] modelOutput, int step, float[] sample, NoiseSource noise) {
        checkStep(step);
        checkSameLength(modelOutput, sample);
        double alphaS = NoiseMath.alphaOfSigma(sigma(step));
        double sigmaS = sigma(step) * alphaS;
        double alphaT = NoiseMath.alphaOfSigma(sigma(step + 1));
        double sigmaT = sigma(step + 1) * alphaT;
        float[] denoised = prediction.originalSample(modelOutput, sample, 1, alphaS, sigmaS);
        // h is the step in lambda = log(alpha_t / sigma_t) = -log(k-diffusion sigma); infinite when reaching sigma 0.
        double h = Math.log(sigma(step) / sigma(step + 1));
        float[] estimate = denoised;
        if (hasHistoryFor(step) && !isLastStep(step)) {
            double previousH = Math.log(sigma(step - 1) / sigma(step));
            // Repeated timesteps (steps close to N) give an empty previous interval: stay first order then.
            if (previousH != 0) {
                // midpoint: D0 + D1 / 2 with D1 = (x0 - x0_prev) / r0, r0 = previousH / h
                double correction = 0.5 * h / previousH;
                estimate = NoiseMath.combine(1 + correction, denoised, -correction, previousDenoised);
            }
        }
        previousDenoised = denoised;
        previousStep = step;
        return NoiseMath.combine(sigmaT / sigmaS, sample, -alphaT * Math.expm1(-h), estimate);
    }

    /** Image-to-image runs start mid-schedule: only the directly preceding step's estimate is usable history. */
    private boolean hasHistoryFor(int step) {
        return previousDenoised != null && previousStep == step - 1;
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int step) {
        checkStep(step);
        checkSameLength(original, noise);
        double alpha = NoiseMath.alphaOfSigma(sigma(step));
        return NoiseMath.combine(alpha, original, sigma(step) * alpha, noise);
    }
}
