package dev.easel.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

    @Test
    void matchesStableDiffusionsScaledLinearSchedule() {
        NoiseSchedule schedule = new NoiseSchedule();
        // alpha_bar_0 = 1 - beta_start
        assertThat(schedule.alphaCumprod(0)).isCloseTo(1 - 0.00085, within(1e-12));
        // alpha_bar_1 = (1 - beta_0)(1 - beta_1), beta_1 = (sqrt(0.00085) + (sqrt(0.012) - sqrt(0.00085)) / 999)^2
        double beta1 = Math.pow(Math.sqrt(0.00085) + (Math.sqrt(0.012) - Math.sqrt(0.00085)) / 999, 2);
        assertThat(schedule.alphaCumprod(1)).isCloseTo((1 - 0.00085) * (1 - beta1), within(1e-12));
        // SD 1.x's well-known final value: alphas_cumprod[999] is about 0.0047
        assertThat(schedule.alphaCumprod(999)).isCloseTo(0.0047, within(0.0001));
    }

    @Test
    void learningRateWarmsUpThenDecaysToATenth() {
        LearningRate lr = new LearningRate(1f, 10, 110);
        assertThat(lr.at(0)).isCloseTo(0.1f, within(1e-6f));
        assertThat(lr.at(9)).isCloseTo(1f, within(1e-6f));
        assertThat(lr.at(60)).isCloseTo(0.55f, within(1e-5f));
        assertThat(lr.at(110)).isCloseTo(0.1f, within(1e-6f));
    }
}
