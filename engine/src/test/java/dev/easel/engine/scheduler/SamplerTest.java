package dev.easel.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.engine.InvalidRequestException;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SamplerTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Euler|EULER",
                "euler|EULER",
                "k_euler|EULER",
                "Euler a|EULER_A",
                "EULER_A|EULER_A",
                "euler_a|EULER_A",
                "k_euler_a|EULER_A",
                "euler_ancestral|EULER_A",
                "k_euler_ancestral|EULER_A",
                "EulerAncestralDiscreteScheduler|EULER_A",
                "DDIM|DDIM",
                "ddim|DDIM",
                "DPM++ 2M|DPMPP_2M",
                "dpmpp_2m|DPMPP_2M",
                "k_dpmpp_2m|DPMPP_2M",
                "DPM++ 2M Karras|DPMPP_2M_KARRAS",
                "dpm++ 2m karras|DPMPP_2M_KARRAS",
                "dpmpp_2m_karras|DPMPP_2M_KARRAS",
                "k_dpmpp_2m_karras|DPMPP_2M_KARRAS",
                "LCM|LCM",
                "lcm|LCM",
                "LCMScheduler|LCM",
            })
    void acceptsDisplayNamesEnumNamesAndAliases(String name, Sampler expected) {
        assertThat(Sampler.fromName(name)).isEqualTo(expected);
        assertThat(Sampler.fromName("  " + name.toUpperCase(Locale.ROOT) + " ")).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Sampler.class)
    void displayNamesRoundTrip(Sampler sampler) {
        assertThat(Sampler.fromName(sampler.displayName())).isEqualTo(sampler);
        assertThat(Sampler.fromName(sampler.name())).isEqualTo(sampler);
    }

    @ParameterizedTest
    @ValueSource(strings = {"heun", "", "Euler b", "dpm++"})
    void unknownNamesListTheChoices(String name) {
        assertThatThrownBy(() -> Sampler.fromName(name))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("unknown sampler '" + name
                        + "'; choose one of: Euler, Euler a, DDIM, DPM++ 2M, DPM++ 2M Karras, LCM");
    }

    @Test
    void nullNameIsUnknown() {
        assertThatThrownBy(() -> Sampler.fromName(null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("unknown sampler 'null'");
    }

    @ParameterizedTest
    @EnumSource(Sampler.class)
    void stepCountsOutsideOneToAThousandAreRejected(Sampler sampler) {
        SchedulerConfig config = SchedulerConfig.stableDiffusionDefaults();
        for (int steps : new int[] {0, -5, 1001}) {
            assertThatThrownBy(() -> sampler.create(config, steps))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("steps")
                    .hasMessageContaining(Integer.toString(steps));
        }
    }

    @Test
    void lcmStepsAreLimitedByTheDistillationSchedule() {
        assertThatThrownBy(() -> Sampler.LCM.create(SchedulerConfig.stableDiffusionDefaults(), 51))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 50")
                .hasMessageContaining("original_inference_steps");
    }

    @Test
    void stepsAreLimitedByTheTrainingTimesteps() {
        SchedulerConfig small = new SchedulerConfig(
                100,
                0.00085,
                0.012,
                BetaSchedule.SCALED_LINEAR,
                PredictionType.EPSILON,
                Optional.empty(),
                1,
                false,
                50,
                10.0);

        assertThatThrownBy(() -> Sampler.EULER.create(small, 101))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("num_train_timesteps");
        assertThat(Sampler.EULER.create(small, 100).steps()).isEqualTo(100);
    }
}
