package dev.easel.engine.scheduler;

import java.util.Arrays;

/** How the training noise variances (betas) grow over the training timesteps, as named in scheduler_config.json. */
public enum BetaSchedule {
    /** Betas evenly spaced from beta_start to beta_end. */
    LINEAR("linear"),
    /** Square roots of the betas evenly spaced (Stable Diffusion). */
    SCALED_LINEAR("scaled_linear"),
    /** Cosine alpha-bar schedule of Nichol and Dhariwal; ignores beta_start/beta_end. */
    SQUAREDCOS_CAP_V2("squaredcos_cap_v2");

    /** The cosine schedule clips betas so the last timestep does not destroy the signal with beta = 1. */
    private static final double MAX_COSINE_BETA = 0.999;

    private final String configName;

    BetaSchedule(String configName) {
        this.configName = configName;
    }

    /** The value of {@code beta_schedule} in scheduler_config.json. */
    public String configName() {
        return configName;
    }

    /** The betas for {@code trainSteps} training timesteps. */
    double[] betas(int trainSteps, double betaStart, double betaEnd) {
        return switch (this) {
            case LINEAR -> NoiseMath.linspace(betaStart, betaEnd, trainSteps);
            case SCALED_LINEAR -> {
                double[] roots = NoiseMath.linspace(Math.sqrt(betaStart), Math.sqrt(betaEnd), trainSteps);
                yield Arrays.stream(roots).map(r -> r * r).toArray();
            }
            case SQUAREDCOS_CAP_V2 -> {
                double[] betas = new double[trainSteps];
                for (int i = 0; i < trainSteps; i++) {
                    double ratio = cosineAlphaBar((i + 1.0) / trainSteps) / cosineAlphaBar((double) i / trainSteps);
                    betas[i] = Math.min(1 - ratio, MAX_COSINE_BETA);
                }
                yield betas;
            }
        };
    }

    private static double cosineAlphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }
}
