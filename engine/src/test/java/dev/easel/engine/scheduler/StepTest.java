package dev.easel.engine.scheduler;

import static dev.easel.engine.scheduler.Reference.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.function.IntToDoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** One update of each sampler on a small vector, against the sampler's published update rule computed here. */
class StepTest {
    private static final Offset<Float> TOLERANCE = within(2e-5f);
    private static final double[] X = {0.5, -1.2, 2.0};
    private static final double[] OUT = {0.1, 0.3, -0.7};

    private static SchedulerConfig sd(PredictionType prediction) {
        return new SchedulerConfig(
                1000, 0.00085, 0.012, BetaSchedule.SCALED_LINEAR, prediction, Optional.empty(), 1, false, 50, 10.0);
    }

    private static float[] expected(IntToDoubleFunction element) {
        double[] values = new double[X.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = element.applyAsDouble(i);
        }
        return floats(values);
    }

    // ---- Euler (k-diffusion: x = x0 + sigma * eps) ----

    @Test
    void eulerEpsilonStep() {
        Scheduler euler = Sampler.EULER.create(sd(PredictionType.EPSILON), 10);
        double sigma = Reference.sdSigma(999);
        double next = Reference.sdSigma(888); // linspace(0, 999, 10) = multiples of 111

        float[] result = euler.step(floats(OUT), 0, floats(X), new SeededNoise(0));

        // d = (x - x0) / sigma = eps; x_next = x + d * (next - sigma)
        assertThat(result).containsExactly(expected(i -> X[i] + OUT[i] * (next - sigma)), TOLERANCE);
    }

    @Test
    void eulerConvertsVPredictionToTheCleanSample() {
        Scheduler euler = Sampler.EULER.create(sd(PredictionType.V_PREDICTION), 10);
        double sigma = Reference.sdSigma(555);
        double next = Reference.sdSigma(444);

        float[] result = euler.step(floats(OUT), 4, floats(X), new SeededNoise(0));

        // x0 = x / (sigma^2 + 1) - v * sigma / sqrt(sigma^2 + 1)
        assertThat(result)
                .containsExactly(
                        expected(i -> {
                            double x0 = X[i] / (sigma * sigma + 1) - OUT[i] * sigma / Math.sqrt(sigma * sigma + 1);
                            return X[i] + (X[i] - x0) / sigma * (next - sigma);
                        }),
                        TOLERANCE);
    }

    @Test
    void eulerWithSamplePredictionMovesTowardsThePredictedSample() {
        Scheduler euler = Sampler.EULER.create(sd(PredictionType.SAMPLE), 10);
        double sigma = Reference.sdSigma(111);

        float[] last = euler.step(floats(OUT), 9, floats(X), new SeededNoise(0));
        float[] before = euler.step(floats(OUT), 8, floats(X), new SeededNoise(0));

        assertThat(last).containsExactly(floats(OUT), TOLERANCE);
        assertThat(before)
                .containsExactly(
                        expected(i -> {
                            double next = Reference.sdSigma(0);
                            return X[i] + (X[i] - OUT[i]) / sigma * (next - sigma);
                        }),
                        TOLERANCE);
    }

    @Test
    void eulerScalesModelInputToUnitVariance() {
        Scheduler euler = Sampler.EULER.create(sd(PredictionType.EPSILON), 10);
        double sigma = Reference.sdSigma(999);

        assertThat(euler.scaleModelInput(floats(X), 0))
                .containsExactly(expected(i -> X[i] / Math.sqrt(sigma * sigma + 1)), TOLERANCE);
    }

    @Test
    void eulerAncestralStepsDownThenAddsFreshNoise() {
        Scheduler eulerA = Sampler.EULER_A.create(sd(PredictionType.EPSILON), 10);
        double sigma = Reference.sdSigma(333);
        double next = Reference.sdSigma(222);
        double up = Math.sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma));
        double down = Math.sqrt(next * next - up * up);
        float[] z = new SeededNoise(5).gaussian(3);

        float[] result = eulerA.step(floats(OUT), 6, floats(X), new SeededNoise(5));

        assertThat(result).containsExactly(expected(i -> X[i] + OUT[i] * (down - sigma) + up * z[i]), TOLERANCE);
    }

    @Test
    void eulerAncestralLastStepReturnsTheCleanEstimate() {
        Scheduler eulerA = Sampler.EULER_A.create(sd(PredictionType.EPSILON), 10);
        double sigma = Reference.sdSigma(0);

        float[] result = eulerA.step(floats(OUT), 9, floats(X), new SeededNoise(5));

        assertThat(result).containsExactly(expected(i -> X[i] - sigma * OUT[i]), TOLERANCE);
    }

    @Test
    void eulerAddsNoiseAtTheStepsSigma() {
        Scheduler euler = Sampler.EULER.create(sd(PredictionType.EPSILON), 10);
        double sigma = Reference.sdSigma(666);

        assertThat(euler.addNoise(floats(X), floats(OUT), 3))
                .containsExactly(expected(i -> X[i] + sigma * OUT[i]), TOLERANCE);
    }

    // ---- DDIM (variance preserving: x = sqrt(a) x0 + sqrt(1 - a) eps) ----

    @Test
    void ddimEpsilonStep() {
        Scheduler ddim = Sampler.DDIM.create(sd(PredictionType.EPSILON), 10);
        double a = Reference.sdAlphaBar(901);
        double aPrev = Reference.sdAlphaBar(801);

        float[] result = ddim.step(floats(OUT), 0, floats(X), new SeededNoise(0));

        assertThat(result)
                .containsExactly(
                        expected(i -> {
                            double x0 = (X[i] - Math.sqrt(1 - a) * OUT[i]) / Math.sqrt(a);
                            return Math.sqrt(aPrev) * x0 + Math.sqrt(1 - aPrev) * OUT[i];
                        }),
                        TOLERANCE);
    }

    @Test
    void ddimVPredictionStepEndsAtAlphaBarZeroWithoutSetAlphaToOne() {
        Scheduler ddim = Sampler.DDIM.create(sd(PredictionType.V_PREDICTION), 10);
        double a = Reference.sdAlphaBar(1);
        double aFinal = Reference.sdAlphaBar(0);

        float[] result = ddim.step(floats(OUT), 9, floats(X), new SeededNoise(0));

        // x0 = sqrt(a) x - sqrt(1 - a) v, eps = sqrt(a) v + sqrt(1 - a) x
        assertThat(result)
                .containsExactly(
                        expected(i -> {
                            double x0 = Math.sqrt(a) * X[i] - Math.sqrt(1 - a) * OUT[i];
                            double eps = Math.sqrt(a) * OUT[i] + Math.sqrt(1 - a) * X[i];
                            return Math.sqrt(aFinal) * x0 + Math.sqrt(1 - aFinal) * eps;
                        }),
                        TOLERANCE);
    }

    @Test
    void ddimAddsNoiseAtTheStepsAlphaBar() {
        Scheduler ddim = Sampler.DDIM.create(sd(PredictionType.EPSILON), 10);
        double a = Reference.sdAlphaBar(501);

        assertThat(ddim.addNoise(floats(X), floats(OUT), 4))
                .containsExactly(expected(i -> Math.sqrt(a) * X[i] + Math.sqrt(1 - a) * OUT[i]), TOLERANCE);
    }

    // ---- LCM ----

    @Test
    void lcmAppliesTheBoundaryConditionThenRenoisesToTheNextTimestep() {
        Scheduler lcm = Sampler.LCM.create(sd(PredictionType.EPSILON), 4);
        double a = Reference.sdAlphaBar(999);
        double aNext = Reference.sdAlphaBar(759);
        double scaled = 999 * 10.0;
        double cSkip = 0.25 / (scaled * scaled + 0.25);
        double cOut = scaled / Math.sqrt(scaled * scaled + 0.25);
        float[] z = new SeededNoise(11).gaussian(3);

        float[] result = lcm.step(floats(OUT), 0, floats(X), new SeededNoise(11));

        assertThat(result)
                .containsExactly(
                        expected(i -> {
                            double x0 = (X[i] - Math.sqrt(1 - a) * OUT[i]) / Math.sqrt(a);
                            double denoised = cOut * x0 + cSkip * X[i];
                            return Math.sqrt(aNext) * denoised + Math.sqrt(1 - aNext) * z[i];
                        }),
                        within(1e-4f));
    }

    @Test
    void lcmLastStepReturnsTheDenoisedSample() {
        // A small timestep_scaling makes c_skip matter (at the usual 10 it is below 1e-5 at every LCM timestep).
        SchedulerConfig config = new SchedulerConfig(
                1000,
                0.00085,
                0.012,
                BetaSchedule.SCALED_LINEAR,
                PredictionType.V_PREDICTION,
                Optional.empty(),
                1,
                false,
                50,
                0.001);
        Scheduler lcm = Sampler.LCM.create(config, 4);
        double a = Reference.sdAlphaBar(259);
        double scaled = 259 * 0.001;
        double cSkip = 0.25 / (scaled * scaled + 0.25);
        double cOut = scaled / Math.sqrt(scaled * scaled + 0.25);

        float[] result = lcm.step(floats(OUT), 3, floats(X), new SeededNoise(11));

        assertThat(result)
                .containsExactly(
                        expected(i -> {
                            double x0 = Math.sqrt(a) * X[i] - Math.sqrt(1 - a) * OUT[i];
                            return cOut * x0 + cSkip * X[i];
                        }),
                        TOLERANCE);
    }

    // ---- DPM++ 2M (variance preserving, lambda = log(alpha_t / sigma_t)) ----

    private record Level(double alpha, double sigma) {
        static Level at(int t) {
            double a = Reference.sdAlphaBar(t);
            return new Level(Math.sqrt(a), Math.sqrt(1 - a));
        }

        double lambda() {
            return Math.log(alpha / sigma);
        }
    }

    /** DPM-Solver++ first order: x_t = sigma_t / sigma_s * x - alpha_t * (exp(-h) - 1) * x0. */
    private static double firstOrder(Level s, Level t, double x, double x0) {
        double h = t.lambda() - s.lambda();
        return t.sigma / s.sigma * x - t.alpha * (Math.exp(-h) - 1) * x0;
    }

    @Test
    void dpmSolverFirstStepIsFirstOrderAndSecondUsesTheMidpointCorrection() {
        Scheduler dpm = Sampler.DPMPP_2M.create(sd(PredictionType.EPSILON), 9);
        Level l0 = Level.at(999);
        Level l1 = Level.at(888);
        Level l2 = Level.at(777);
        double[] out1 = {-0.4, 0.2, 0.9};

        float[] x1 = dpm.step(floats(OUT), 0, floats(X), new SeededNoise(0));
        float[] x2 = dpm.step(floats(out1), 1, x1, new SeededNoise(0));

        double[] x0First = new double[3];
        for (int i = 0; i < 3; i++) {
            x0First[i] = (X[i] - l0.sigma * OUT[i]) / l0.alpha;
        }
        assertThat(x1).containsExactly(expected(i -> firstOrder(l0, l1, X[i], x0First[i])), TOLERANCE);
        double h = l2.lambda() - l1.lambda();
        double r0 = (l1.lambda() - l0.lambda()) / h;
        assertThat(x2)
                .containsExactly(
                        expected(i -> {
                            double m0 = (x1[i] - l1.sigma * out1[i]) / l1.alpha;
                            double d1 = (m0 - x0First[i]) / r0;
                            return l2.sigma / l1.sigma * x1[i]
                                    - l2.alpha * (Math.exp(-h) - 1) * m0
                                    - 0.5 * l2.alpha * (Math.exp(-h) - 1) * d1;
                        }),
                        TOLERANCE);
    }

    @Test
    void dpmSolverImageToImageStartIsFirstOrder() {
        Level l4 = Level.at(555);
        Level l5 = Level.at(444);
        float[] fromStart = Sampler.DPMPP_2M
                .create(sd(PredictionType.EPSILON), 9)
                .step(floats(OUT), 4, floats(X), new SeededNoise(0));

        assertThat(fromStart)
                .containsExactly(
                        expected(i -> firstOrder(l4, l5, X[i], (X[i] - l4.sigma * OUT[i]) / l4.alpha)), TOLERANCE);

        // The same step after a history differs: it is second order there.
        Scheduler full = Sampler.DPMPP_2M.create(sd(PredictionType.EPSILON), 9);
        full.step(floats(-0.3, 0.8, 0.1), 3, floats(X), new SeededNoise(0));
        float[] withHistory = full.step(floats(OUT), 4, floats(X), new SeededNoise(0));
        assertThat(withHistory[0]).isNotCloseTo(fromStart[0], within(1e-3f));

        // History is only valid for the step right after it: the second-order formula assumes sigma(step - 1).
        Scheduler skipping = Sampler.DPMPP_2M.create(sd(PredictionType.EPSILON), 9);
        skipping.step(floats(-0.3, 0.8, 0.1), 2, floats(X), new SeededNoise(0));
        assertThat(skipping.step(floats(OUT), 4, floats(X), new SeededNoise(0))).containsExactly(fromStart, TOLERANCE);
    }

    @Test
    void dpmSolverLastStepReturnsTheCleanEstimate() {
        Scheduler dpm = Sampler.DPMPP_2M_KARRAS.create(sd(PredictionType.SAMPLE), 9);
        dpm.step(floats(X), 7, floats(X), new SeededNoise(0));

        float[] result = dpm.step(floats(OUT), 8, floats(X), new SeededNoise(0));

        assertThat(result).containsExactly(floats(OUT), TOLERANCE);
    }

    @Test
    void dpmSolverVPredictionStep() {
        Scheduler dpm = Sampler.DPMPP_2M.create(sd(PredictionType.V_PREDICTION), 9);
        Level l0 = Level.at(999);
        Level l1 = Level.at(888);

        float[] result = dpm.step(floats(OUT), 0, floats(X), new SeededNoise(0));

        assertThat(result)
                .containsExactly(
                        expected(i -> firstOrder(l0, l1, X[i], l0.alpha * X[i] - l0.sigma * OUT[i])), TOLERANCE);
    }

    @Test
    void dpmSolverAndLcmAddNoiseInVariancePreservingForm() {
        Level l2 = Level.at(777);
        assertThat(Sampler.DPMPP_2M.create(sd(PredictionType.EPSILON), 9).addNoise(floats(X), floats(OUT), 2))
                .containsExactly(expected(i -> l2.alpha * X[i] + l2.sigma * OUT[i]), TOLERANCE);
        Level l1 = Level.at(759);
        assertThat(Sampler.LCM.create(sd(PredictionType.EPSILON), 4).addNoise(floats(X), floats(OUT), 1))
                .containsExactly(expected(i -> l1.alpha * X[i] + l1.sigma * OUT[i]), TOLERANCE);
    }

    @Test
    void variancePreservingSamplersFeedTheSampleUnchanged() {
        for (Sampler sampler : new Sampler[] {Sampler.DDIM, Sampler.DPMPP_2M, Sampler.LCM}) {
            assertThat(sampler.create(sd(PredictionType.EPSILON), 4).scaleModelInput(floats(X), 1))
                    .containsExactly(floats(X));
        }
    }
}
