package dev.easel.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** Timesteps, noise levels and initial noise scale of each sampler, against diffusers' formulas. */
class ScheduleTest {
    private static final SchedulerConfig SD = SchedulerConfig.stableDiffusionDefaults();

    private static SchedulerConfig withSpacing(TimestepSpacing spacing) {
        return new SchedulerConfig(
                1000,
                0.00085,
                0.012,
                BetaSchedule.SCALED_LINEAR,
                PredictionType.EPSILON,
                Optional.of(spacing),
                1,
                false,
                50,
                10.0);
    }

    @Test
    void leadingSpacingCountsUpInMultiplesOfTheRatioPlusOffset() {
        double[] expected = {901, 801, 701, 601, 501, 401, 301, 201, 101, 1};

        assertThat(Sampler.DDIM.create(SD, 10).timesteps()).containsExactly(expected);
        assertThat(Sampler.EULER
                        .create(withSpacing(TimestepSpacing.LEADING), 10)
                        .timesteps())
                .containsExactly(expected);
    }

    @Test
    void trailingSpacingCountsDownFromTheLastTimestep() {
        double[] expected = {999, 899, 799, 699, 599, 499, 399, 299, 199, 99};

        assertThat(Sampler.DDIM
                        .create(withSpacing(TimestepSpacing.TRAILING), 10)
                        .timesteps())
                .containsExactly(expected);
        assertThat(Sampler.EULER
                        .create(withSpacing(TimestepSpacing.TRAILING), 10)
                        .timesteps())
                .containsExactly(expected);
        assertThat(Sampler.DPMPP_2M
                        .create(withSpacing(TimestepSpacing.TRAILING), 10)
                        .timesteps())
                .containsExactly(expected);
        // round(1000 - i * 1000/3) - 1
        assertThat(Sampler.EULER
                        .create(withSpacing(TimestepSpacing.TRAILING), 3)
                        .timesteps())
                .containsExactly(999, 666, 332);
        // numpy.arange(1000, 0, -1000/48) steps by its first difference, -20.83333333333337, so its fourth value is
        // 937.4999999999999 (not 937.5, which would round half-to-even to 938): diffusers gets 937 - 1.
        assertThat(Sampler.DDIM.create(withSpacing(TimestepSpacing.TRAILING), 48)
                        .timesteps()[3])
                .isEqualTo(936);
    }

    @Test
    void linspaceIsFractionalForEulerAndRoundedHalfToEvenForDdim() {
        // linspace(0, 999, 7) = multiples of 166.5
        assertThat(Sampler.EULER.create(SD, 7).timesteps()).containsExactly(999, 832.5, 666, 499.5, 333, 166.5, 0);
        assertThat(Sampler.EULER_A.create(SD, 7).timesteps()).containsExactly(999, 832.5, 666, 499.5, 333, 166.5, 0);
        assertThat(Sampler.DDIM.create(withSpacing(TimestepSpacing.LINSPACE), 7).timesteps())
                .containsExactly(999, 832, 666, 500, 333, 166, 0);
    }

    @Test
    void dpmSolverSpacesOneExtraPointAndDropsTimestepZero() {
        // linspace(0, 999, 10) = multiples of 111, reversed, without the final 0
        assertThat(Sampler.DPMPP_2M.create(SD, 9).timesteps())
                .containsExactly(999, 888, 777, 666, 555, 444, 333, 222, 111);
        // leading: multiples of 1000 // 10 = 100, reversed, without the final one, plus the offset
        assertThat(Sampler.DPMPP_2M
                        .create(withSpacing(TimestepSpacing.LEADING), 9)
                        .timesteps())
                .containsExactly(901, 801, 701, 601, 501, 401, 301, 201, 101);
    }

    @Test
    void lcmTakesEvenlySpacedIndicesFromTheDistillationSchedule() {
        // origin schedule 999, 979, ..., 19 (k = 20); indices floor(i * 50 / steps)
        assertThat(Sampler.LCM.create(SD, 4).timesteps()).containsExactly(999, 759, 499, 259);
        assertThat(Sampler.LCM.create(SD, 8).timesteps()).containsExactly(999, 879, 759, 639, 499, 379, 259, 139);
        assertThat(Sampler.LCM.create(SD, 1).timesteps()).containsExactly(999);
    }

    @Test
    void eulerSigmasInterpolateTheTrainingSigmasAndEndAtZero() {
        Scheduler euler = Sampler.EULER.create(SD, 7);
        double[] sigmas = euler.sigmas();

        assertThat(sigmas).hasSize(8);
        assertThat(sigmas[0]).isCloseTo(Reference.sdSigma(999), within(1e-9));
        assertThat(sigmas[0]).isCloseTo(14.6146, within(1e-3));
        assertThat(sigmas[1]).isCloseTo((Reference.sdSigma(832) + Reference.sdSigma(833)) / 2, within(1e-9));
        assertThat(sigmas[3]).isCloseTo((Reference.sdSigma(499) + Reference.sdSigma(500)) / 2, within(1e-9));
        assertThat(sigmas[6]).isCloseTo(Reference.sdSigma(0), within(1e-9));
        assertThat(sigmas[7]).isZero();
    }

    @Test
    void eulerInitialNoiseIsTheLargestSigmaExceptWithLeadingSpacing() {
        assertThat(Sampler.EULER.create(SD, 7).initNoiseSigma()).isCloseTo(Reference.sdSigma(999), within(1e-9));
        double leadingMax = Reference.sdSigma(901);
        assertThat(Sampler.EULER_A
                        .create(withSpacing(TimestepSpacing.LEADING), 10)
                        .initNoiseSigma())
                .isCloseTo(Math.sqrt(leadingMax * leadingMax + 1), within(1e-9));
        assertThat(Sampler.DDIM.create(SD, 10).initNoiseSigma()).isEqualTo(1.0);
        assertThat(Sampler.DPMPP_2M.create(SD, 10).initNoiseSigma()).isEqualTo(1.0);
        assertThat(Sampler.LCM.create(SD, 4).initNoiseSigma()).isEqualTo(1.0);
    }

    @Test
    void karrasSigmasAreEvenlySpacedInSigmaToTheOneSeventh() {
        int steps = 10;
        Scheduler karras = Sampler.DPMPP_2M_KARRAS.create(SD, steps);
        double[] sigmas = karras.sigmas();
        double maxRoot = Math.pow(Reference.sdSigma(999), 1 / 7.0);
        double minRoot = Math.pow(Reference.sdSigma(0), 1 / 7.0);

        assertThat(sigmas).hasSize(steps + 1);
        for (int i = 0; i < steps; i++) {
            double expected = Math.pow(maxRoot + i / (steps - 1.0) * (minRoot - maxRoot), 7);
            assertThat(sigmas[i]).isCloseTo(expected, within(1e-9 * expected));
        }
        assertThat(sigmas[steps]).isZero();
    }

    @Test
    void karrasTimestepsInterpolateLogSigmaBetweenTrainingTimesteps() {
        Scheduler karras = Sampler.DPMPP_2M_KARRAS.create(SD, 10);
        double[] sigmas = karras.sigmas();
        double[] timesteps = karras.timesteps();

        assertThat(timesteps[0]).isEqualTo(999);
        assertThat(timesteps[9]).isEqualTo(0);
        for (int i = 0; i < 10; i++) {
            assertThat(timesteps[i]).isEqualTo(Math.rint(timestepByLinearScan(sigmas[i])));
        }
        // strictly decreasing: Karras spacing concentrates steps at low noise, not at duplicate timesteps
        for (int i = 1; i < 10; i++) {
            assertThat(timesteps[i]).isLessThan(timesteps[i - 1]);
        }
    }

    private static double timestepByLinearScan(double sigma) {
        double logSigma = Math.log(sigma);
        for (int t = 0; t < 999; t++) {
            double low = Math.log(Reference.sdSigma(t));
            double high = Math.log(Reference.sdSigma(t + 1));
            if (logSigma >= low && logSigma <= high) {
                return t + (logSigma - low) / (high - low);
            }
        }
        return logSigma < Math.log(Reference.sdSigma(0)) ? 0 : 999;
    }

    @Test
    void ddimAndLcmSigmasAreTheEquivalentOfTheirAlphaBar() {
        double[] ddim = Sampler.DDIM.create(SD, 10).sigmas();
        assertThat(ddim[0]).isCloseTo(Reference.sdSigma(901), within(1e-9));
        assertThat(ddim[9]).isCloseTo(Reference.sdSigma(1), within(1e-9));
        // without set_alpha_to_one the run ends at alpha-bar_0
        assertThat(ddim[10]).isCloseTo(Reference.sdSigma(0), within(1e-9));

        double[] lcm = Sampler.LCM.create(SD, 4).sigmas();
        assertThat(lcm[1]).isCloseTo(Reference.sdSigma(759), within(1e-9));
        assertThat(lcm[4]).isZero();
    }

    @Test
    void everySamplerHandlesTheExtremeStepCounts() {
        for (Sampler sampler : Sampler.values()) {
            int most = sampler == Sampler.LCM ? 50 : 1000;
            for (int steps : new int[] {1, 2, most}) {
                Scheduler scheduler = sampler.create(SD, steps);
                assertThat(scheduler.steps()).isEqualTo(steps);
                assertThat(scheduler.timesteps()).hasSize(steps);
                assertThat(DoubleStream.of(scheduler.timesteps()).allMatch(t -> t >= 0 && t <= 999))
                        .as("%s timesteps within the training range", sampler)
                        .isTrue();
                assertThat(scheduler.sigmas()).hasSize(steps + 1);
                assertThat(DoubleStream.of(scheduler.sigmas()).allMatch(s -> Double.isFinite(s) && s >= 0))
                        .as("%s sigmas finite and non-negative", sampler)
                        .isTrue();
            }
        }
    }
}
