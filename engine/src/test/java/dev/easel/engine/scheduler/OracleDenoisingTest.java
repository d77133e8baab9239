package dev.easel.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end: a perfect "model" that knows the clean sample x0 answers each step with the true epsilon (or v, or x0)
 * of what it sees at that timestep; every sampler started from pure noise must then end close to x0. The oracle reads
 * the noise level from the timestep alone, as a real UNet does, so a sampler whose timesteps and noise levels disagree
 * ends elsewhere.
 */
class OracleDenoisingTest {
    private static final int SIZE = 64;

    static Stream<Arguments> samplersAndPredictions() {
        return Stream.of(Sampler.values())
                .flatMap(sampler -> Stream.of(PredictionType.values()).map(p -> Arguments.of(sampler, p)));
    }

    private static SchedulerConfig config(PredictionType prediction, boolean setAlphaToOne) {
        return new SchedulerConfig(
                1000,
                0.00085,
                0.012,
                BetaSchedule.SCALED_LINEAR,
                prediction,
                Optional.empty(),
                1,
                setAlphaToOne,
                50,
                10.0);
    }

    private static float[] cleanSample() {
        float[] x0 = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            x0[i] = (float) Math.sin(i * 0.7);
        }
        return x0;
    }

    /** What a perfect model outputs for input {@code modelInput} = alpha * x0 + sigma * eps at {@code timestep}. */
    private static float[] oracle(PredictionType prediction, float[] modelInput, double timestep, float[] x0) {
        double kSigma = Reference.sdSigmaAt(timestep);
        double alpha = 1 / Math.sqrt(kSigma * kSigma + 1);
        double sigma = kSigma * alpha;
        float[] out = new float[modelInput.length];
        for (int i = 0; i < out.length; i++) {
            double eps = (modelInput[i] - alpha * x0[i]) / sigma;
            out[i] = (float)
                    switch (prediction) {
                        case EPSILON -> eps;
                        case V_PREDICTION -> alpha * eps - sigma * x0[i];
                        case SAMPLE -> x0[i];
                    };
        }
        return out;
    }

    private static float[] denoiseFrom(Scheduler scheduler, float[] sample, int start, PredictionType prediction) {
        float[] x0 = cleanSample();
        NoiseSource noise = new SeededNoise(3);
        double[] timesteps = scheduler.timesteps();
        float[] x = sample;
        for (int i = start; i < scheduler.steps(); i++) {
            float[] modelOutput = oracle(prediction, scheduler.scaleModelInput(x, i), timesteps[i], x0);
            x = scheduler.step(modelOutput, i, x, noise);
        }
        return x;
    }

    private static double maxError(float[] x) {
        float[] x0 = cleanSample();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - x0[i]));
        }
        return max;
    }

    @ParameterizedTest
    @MethodSource("samplersAndPredictions")
    void textToImageFromPureNoiseEndsAtTheCleanSample(Sampler sampler, PredictionType prediction) {
        Scheduler scheduler = sampler.create(config(prediction, true), 20);
        float[] start = NoiseMath.scale(new SeededNoise(42).gaussian(SIZE), scheduler.initNoiseSigma());

        float[] result = denoiseFrom(scheduler, start, 0, prediction);

        assertThat(maxError(result)).isLessThan(2e-3);
    }

    /**
     * With a perfect model a deterministic sampler stays on the straight path through x0 and the starting noise: after
     * each step the sample is alpha * x0 + sigma * eps0 at the next timestep's noise level (k-diffusion form x0 +
     * s * eps0 for Euler).
     */
    @ParameterizedTest
    @EnumSource(
            value = Sampler.class,
            names = {"EULER", "DDIM", "DPMPP_2M"})
    void deterministicSamplersFollowTheNoiseLevelsOfTheirTimesteps(Sampler sampler) {
        Scheduler scheduler = sampler.create(config(PredictionType.EPSILON, true), 20);
        double[] timesteps = scheduler.timesteps();
        float[] x0 = cleanSample();
        float[] eps0 = new SeededNoise(42).gaussian(SIZE);
        boolean kDiffusion = sampler == Sampler.EULER;
        float[] x = atLevel(x0, eps0, timesteps[0], kDiffusion);

        for (int i = 0; i < scheduler.steps() - 1; i++) {
            float[] modelOutput = oracle(PredictionType.EPSILON, scheduler.scaleModelInput(x, i), timesteps[i], x0);
            x = scheduler.step(modelOutput, i, x, new SeededNoise(0));

            assertThat(x)
                    .as("sample after step %d", i)
                    .containsExactly(atLevel(x0, eps0, timesteps[i + 1], kDiffusion), within(2e-4f));
        }
    }

    private static float[] atLevel(float[] x0, float[] eps, double timestep, boolean kDiffusion) {
        double kSigma = Reference.sdSigmaAt(timestep);
        double alpha = kDiffusion ? 1 : 1 / Math.sqrt(kSigma * kSigma + 1);
        double sigma = kSigma * alpha;
        float[] x = new float[x0.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (alpha * x0[i] + sigma * eps[i]);
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("samplersAndPredictions")
    void imageToImageFromAddedNoiseEndsAtTheCleanSample(Sampler sampler, PredictionType prediction) {
        int steps = 20;
        Scheduler scheduler = sampler.create(config(prediction, true), steps);
        int start = steps - (int) Math.floor(steps * 0.6);
        float[] noisy = scheduler.addNoise(cleanSample(), new SeededNoise(42).gaussian(SIZE), start);

        float[] result = denoiseFrom(scheduler, noisy, start, prediction);

        assertThat(maxError(result)).isLessThan(2e-3);
    }

    @ParameterizedTest
    @MethodSource("samplersAndPredictions")
    void withoutSetAlphaToOneDdimStopsAtTheFirstTrainingNoiseLevel(Sampler sampler, PredictionType prediction) {
        Scheduler scheduler = sampler.create(config(prediction, false), 20);
        float[] start = NoiseMath.scale(new SeededNoise(42).gaussian(SIZE), scheduler.initNoiseSigma());

        float[] result = denoiseFrom(scheduler, start, 0, prediction);

        // DDIM ends at alpha-bar_0 = 1 - 0.00085: a little noise (sigma ~ 0.03 per unit of eps) remains.
        double tolerance = sampler == Sampler.DDIM ? 0.2 : 2e-3;
        assertThat(maxError(result)).isLessThan(tolerance);
    }
}
