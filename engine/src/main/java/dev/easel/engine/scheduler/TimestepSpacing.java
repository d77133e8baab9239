package dev.easel.engine.scheduler;

/** How inference steps are spread over the training timesteps, as named by {@code timestep_spacing}. */
public enum TimestepSpacing {
    /** Multiples of N/steps counted up from 0, plus steps_offset; never reaches the last training timestep. */
    LEADING("leading"),
    /** Multiples of N/steps counted down from N, minus one; always starts at the last training timestep. */
    TRAILING("trailing"),
    /** Evenly spaced from N-1 down to 0, possibly fractional. */
    LINSPACE("linspace");

    private final String configName;

    TimestepSpacing(String configName) {
        this.configName = configName;
    }

    /** The value of {@code timestep_spacing} in scheduler_config.json. */
    public String configName() {
        return configName;
    }

    /**
     * Descending timesteps for {@code steps} steps over {@code trainSteps} training timesteps. Linspace values are
     * left fractional; samplers with integer timesteps round them half-to-even, as numpy does.
     */
    double[] timesteps(int trainSteps, int steps, int stepsOffset) {
        double[] timesteps = new double[steps];
        switch (this) {
            case LEADING -> {
                int ratio = trainSteps / steps;
                for (int i = 0; i < steps; i++) {
                    timesteps[i] = (double) (steps - 1 - i) * ratio + stepsOffset;
                }
            }
            case TRAILING -> {
                // numpy.arange(N, 0, -N/steps) steps by the difference of its first two values, which rounding
                // makes differ from N/steps; emulate it so .5 cases round as in diffusers.
                double delta = (trainSteps - (double) trainSteps / steps) - trainSteps;
                for (int i = 0; i < steps; i++) {
                    timesteps[i] = Math.rint(trainSteps + i * delta) - 1;
                }
            }
            case LINSPACE -> {
                double[] ascending = NoiseMath.linspace(0, trainSteps - 1, steps);
                for (int i = 0; i < steps; i++) {
                    timesteps[i] = ascending[steps - 1 - i];
                }
            }
        }
        return timesteps;
    }
}
