package dev.easel.engine.scheduler;

/** The fixed part of every scheduler: its timesteps and noise levels, and the argument checks of its operations. */
abstract class DiscreteScheduler implements Scheduler {
    private final double[] timesteps;
    private final double[] sigmas;

    /** @param sigmas one more than the timesteps: the noise level after the last step */
    DiscreteScheduler(double[] timesteps, double[] sigmas) {
        if (sigmas.length != timesteps.length + 1) {
            throw new IllegalArgumentException(
                    "need steps + 1 sigmas, got " + sigmas.length + " for " + timesteps.length + " steps");
        }
        this.timesteps = timesteps;
        this.sigmas = sigmas;
    }

    @Override
    public final double[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public final double[] sigmas() {
        return sigmas.clone();
    }

    @Override
    public final int steps() {
        return timesteps.length;
    }

    final double timestep(int step) {
        return timesteps[step];
    }

    final double sigma(int step) {
        return sigmas[step];
    }

    final boolean isLastStep(int step) {
        return step == timesteps.length - 1;
    }

    final void checkStep(int step) {
        if (step < 0 || step >= timesteps.length) {
            throw new IllegalArgumentException(
                    "step must be between 0 and " + (timesteps.length - 1) + ", got " + step);
        }
    }

    static void checkSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("arrays differ in length: " + a.length + " vs " + b.length);
        }
    }

    /** Schedulers that work in alpha-bar space start from unit noise and feed the sample as it is. */
    @Override
    public double initNoiseSigma() {
        return 1.0;
    }

    @Override
    public float[] scaleModelInput(float[] sample, int step) {
        checkStep(step);
        return sample.clone();
    }
}
