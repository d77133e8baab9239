package dev.easel.engine.scheduler;

/** Numeric helpers shared by the samplers, following numpy's definitions where diffusers relies on them. */
final class NoiseMath {
    private NoiseMath() {}

    /** numpy.linspace with endpoint: start + i * ((stop - start) / (count - 1)), the last value exactly stop. */
    static double[] linspace(double start, double stop, int count) {
        double[] values = new double[count];
        if (count == 1) {
            values[0] = start;
            return values;
        }
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++) {
            values[i] = i * step + start;
        }
        values[count - 1] = stop;
        return values;
    }

    /** k-diffusion noise level of each training timestep: sqrt((1 - alphaBar) / alphaBar). */
    static double[] trainingSigmas(double[] alphasCumprod) {
        double[] sigmas = new double[alphasCumprod.length];
        for (int t = 0; t < sigmas.length; t++) {
            sigmas[t] = sigmaOfAlphaBar(alphasCumprod[t]);
        }
        return sigmas;
    }

    static double sigmaOfAlphaBar(double alphaBar) {
        return Math.sqrt((1 - alphaBar) / alphaBar);
    }

    /** numpy.interp of the table at a (possibly fractional) timestep, clamped to the table's ends. */
    static double interpolate(double[] table, double timestep) {
        if (timestep <= 0) {
            return table[0];
        }
        if (timestep >= table.length - 1) {
            return table[table.length - 1];
        }
        int low = (int) Math.floor(timestep);
        double weight = timestep - low;
        return table[low] + weight * (table[low + 1] - table[low]);
    }

    /** Karras et al. (2022) noise levels: evenly spaced in sigma^(1/rho) from sigmaMax down to sigmaMin, rho = 7. */
    static double[] karrasSigmas(double sigmaMin, double sigmaMax, int steps) {
        double rho = 7.0;
        double minInvRho = Math.pow(sigmaMin, 1 / rho);
        double maxInvRho = Math.pow(sigmaMax, 1 / rho);
        double[] ramp = linspace(0, 1, steps);
        double[] sigmas = new double[steps];
        for (int i = 0; i < steps; i++) {
            sigmas[i] = Math.pow(maxInvRho + ramp[i] * (minInvRho - maxInvRho), rho);
        }
        return sigmas;
    }

    /**
     * The fractional training timestep whose noise level is {@code sigma}, interpolating linearly in log-sigma
     * between neighbouring training timesteps (clamped to the table's range).
     */
    static double timestepOfSigma(double sigma, double[] trainingSigmas) {
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        int last = trainingSigmas.length - 1;
        // The training sigmas grow with t: find the last index whose sigma is not above the target.
        int low = 0;
        int high = last;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (Math.log(trainingSigmas[mid]) <= logSigma) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        low = Math.min(low, last - 1);
        double lowLog = Math.log(trainingSigmas[low]);
        double highLog = Math.log(trainingSigmas[low + 1]);
        double weight = Math.clamp((lowLog - logSigma) / (lowLog - highLog), 0.0, 1.0);
        return low + weight;
    }

    /** Variance-preserving signal scale alpha_t of a k-diffusion noise level; the noise scale is sigma * alpha_t. */
    static double alphaOfSigma(double sigma) {
        return 1 / Math.sqrt(sigma * sigma + 1);
    }

    /** Elementwise a*x + b*y into a new array. */
    static float[] combine(double a, float[] x, double b, float[] y) {
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a * x[i] + b * y[i]);
        }
        return out;
    }

    static float[] scale(float[] x, double factor) {
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (factor * x[i]);
        }
        return out;
    }
}
