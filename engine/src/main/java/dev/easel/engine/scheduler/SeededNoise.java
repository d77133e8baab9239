package dev.easel.engine.scheduler;

import java.util.Random;

/**
 * Noise from {@link Random#nextGaussian()}: its algorithm is part of the Java specification, so a seed gives the same
 * latents on every JVM and in whatever batch the sample runs. Not thread-safe; one instance per sample.
 */
public final class SeededNoise implements NoiseSource {
    private final Random random;

    public SeededNoise(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public float[] gaussian(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
