package dev.easel.trainer.train;

/**
 * Stable Diffusion's "scaled_linear" schedule: betas linear in sqrt space from 0.00085 to 0.012 over 1000 steps.
 */
public final class NoiseSchedule {

    public static final int STEPS = 1000;
    public static final double BETA_START = 0.00085;
    public static final double BETA_END = 0.012;

    private final double[] alphasCumprod = new double[STEPS];

    public NoiseSchedule() {
        double product = 1;
        double start = Math.sqrt(BETA_START);
        double end = Math.sqrt(BETA_END);
        for (int t = 0; t < STEPS; t++) {
            double root = start + (end - start) * t / (STEPS - 1);
            product *= 1 - root * root;
            alphasCumprod[t] = product;
        }
    }

    public double alphaCumprod(int t) {
        return alphasCumprod[t];
    }
}
