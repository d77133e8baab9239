package dev.easel.engine.scheduler;

/**
 * The published formulas, written out independently of the code under test: Stable Diffusion's training schedule
 * (scaled_linear betas 0.00085..0.012 over 1000 timesteps) and its k-diffusion noise levels.
 */
final class Reference {
    static final int TRAIN_STEPS = 1000;

    private Reference() {}

    /** alpha-bar_t = prod_{s <= t} (1 - beta_s), beta_s = (sqrt(0.00085) + s/999 * (sqrt(0.012) - sqrt(0.00085)))^2. */
    static double sdAlphaBar(int t) {
        double product = 1;
        for (int s = 0; s <= t; s++) {
            double root = Math.sqrt(0.00085) + s * (Math.sqrt(0.012) - Math.sqrt(0.00085)) / 999;
            product *= 1 - root * root;
        }
        return product;
    }

    /** sigma_t = sqrt((1 - alpha-bar_t) / alpha-bar_t) at an integer timestep. */
    static double sdSigma(int t) {
        double alphaBar = sdAlphaBar(t);
        return Math.sqrt((1 - alphaBar) / alphaBar);
    }

    /** Linear interpolation of sigma between integer timesteps (what a model trained on integers sees). */
    static double sdSigmaAt(double t) {
        int low = (int) Math.floor(t);
        if (low >= TRAIN_STEPS - 1) {
            return sdSigma(TRAIN_STEPS - 1);
        }
        double weight = t - low;
        return (1 - weight) * sdSigma(low) + weight * sdSigma(low + 1);
    }

    static float[] floats(double... values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
