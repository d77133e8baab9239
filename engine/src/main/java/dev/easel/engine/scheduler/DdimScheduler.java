package dev.easel.engine.scheduler;

/**
 * Deterministic DDIM (eta = 0) as diffusers' DDIMScheduler: variance-preserving samples sqrt(a) * x0 + sqrt(1 - a) *
 * eps, integer timesteps, each step jumping N / steps training timesteps down.
 */
final class DdimScheduler extends DiscreteScheduler {
    private final PredictionType prediction;
    private final double[] alphasCumprod;
    /** alpha-bar after the last step: 1 (fully clean) with set_alpha_to_one, else that of timestep 0. */
    private final double finalAlphaCumprod;
    /** Training timesteps per step: diffusers steps down by N / steps whatever the spacing. */
    private final int stepRatio;

    private DdimScheduler(
            double[] timesteps,
            double[] sigmas,
            PredictionType prediction,
            double[] alphasCumprod,
            double finalAlphaCumprod) {
        super(timesteps, sigmas);
        this.prediction = prediction;
        this.alphasCumprod = alphasCumprod;
        this.finalAlphaCumprod = finalAlphaCumprod;
        this.stepRatio = alphasCumprod.length / timesteps.length;
    }

    static DdimScheduler create(SchedulerConfig config, int steps) {
        int trainSteps = config.numTrainTimesteps();
        double[] timesteps = config.timestepSpacing()
                .orElse(TimestepSpacing.LEADING)
                .timesteps(trainSteps, steps, config.stepsOffset());
        for (int i = 0; i < steps; i++) {
            // steps_offset can push the first leading timestep past the table when steps is close to N.
            timesteps[i] = Math.min(Math.rint(timesteps[i]), trainSteps - 1);
        }
        double[] alphasCumprod = config.alphasCumprod();
        double finalAlphaCumprod = config.setAlphaToOne() ? 1.0 : alphasCumprod[0];
        double[] sigmas = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            sigmas[i] = NoiseMath.sigmaOfAlphaBar(alphasCumprod[(int) timesteps[i]]);
        }
        sigmas[steps] = NoiseMath.sigmaOfAlphaBar(finalAlphaCumprod);
        return new DdimScheduler(timesteps, sigmas, config.predictionType(), alphasCumprod, finalAlphaCumprod);
    }

    @Override
    public float[] step(float[] modelOutput, int step, float[] sample, NoiseSource noise) {
        checkStep(step);
        checkSameLength(modelOutput, sample);
        int timestep = (int) timestep(step);
        // Below timestep 0 the run ends at the final alpha-bar.
        int previous = timestep - stepRatio;
        double alphaBar = alphasCumprod[timestep];
        double alphaBarPrevious = previous >= 0 ? alphasCumprod[previous] : finalAlphaCumprod;
        double alpha = Math.sqrt(alphaBar);
        double sigma = Math.sqrt(1 - alphaBar);
        float[] x0 = prediction.originalSample(modelOutput, sample, 1, alpha, sigma);
        // x_prev = sqrt(a_prev) * x0 + sqrt(1 - a_prev) * eps, with eps = (x - alpha * x0) / sigma
        double epsScale = Math.sqrt(1 - alphaBarPrevious) / sigma;
        return NoiseMath.combine(epsScale, sample, Math.sqrt(alphaBarPrevious) - epsScale * alpha, x0);
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int step) {
        checkStep(step);
        checkSameLength(original, noise);
        double alphaBar = alphasCumprod[(int) timestep(step)];
        return NoiseMath.combine(Math.sqrt(alphaBar), original, Math.sqrt(1 - alphaBar), noise);
    }
}
