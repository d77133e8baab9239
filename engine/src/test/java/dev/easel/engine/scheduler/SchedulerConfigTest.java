package dev.easel.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.easel.engine.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerConfigTest {
    @TempDir
    Path dir;

    @Test
    void stableDiffusionAlphasCumprod() {
        double[] alphasCumprod = SchedulerConfig.stableDiffusionDefaults().alphasCumprod();

        assertThat(alphasCumprod).hasSize(1000);
        assertThat(alphasCumprod[0]).isCloseTo(1 - 0.00085, within(1e-12));
        assertThat(alphasCumprod[999]).isCloseTo(0.0047, within(1e-4));
        for (int t : new int[] {1, 250, 500, 999}) {
            assertThat(alphasCumprod[t]).isCloseTo(Reference.sdAlphaBar(t), within(1e-12));
        }
    }

    @Test
    void linearAlphasCumprod() {
        SchedulerConfig config = config(BetaSchedule.LINEAR, 0.0001, 0.02);
        double[] alphasCumprod = config.alphasCumprod();

        assertThat(alphasCumprod[0]).isCloseTo(1 - 0.0001, within(1e-15));
        assertThat(alphasCumprod[1]).isCloseTo((1 - 0.0001) * (1 - (0.0001 + 0.0199 / 999)), within(1e-15));
        double product = 1;
        for (int t = 0; t < 1000; t++) {
            product *= 1 - (0.0001 + t * (0.02 - 0.0001) / 999);
        }
        assertThat(alphasCumprod[999]).isCloseTo(product, within(1e-12));
    }

    @Test
    void squaredCosineAlphasCumprodFollowTheCosineAlphaBarAndClipTheLastBeta() {
        double[] alphasCumprod =
                config(BetaSchedule.SQUAREDCOS_CAP_V2, 0.00085, 0.012).alphasCumprod();

        // Unclipped, the product telescopes: alpha-bar_t = f((t + 1) / N) / f(0), f(u) = cos((u + s) / (1 + s) *
        // pi/2)^2
        for (int t : new int[] {0, 100, 500, 998}) {
            assertThat(alphasCumprod[t]).isCloseTo(cosine((t + 1) / 1000.0) / cosine(0), within(1e-12));
        }
        // f(1) = 0 would make beta 1; it is capped at 0.999.
        assertThat(alphasCumprod[999]).isCloseTo(alphasCumprod[998] * 0.001, within(1e-15));
    }

    private static double cosine(double u) {
        double c = Math.cos((u + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    @Test
    void readsAStableDiffusionSchedulerConfig() throws IOException {
        Path file = write("""
                {"_class_name": "PNDMScheduler", "_diffusers_version": "0.6.0", "beta_end": 0.012,
                 "beta_schedule": "scaled_linear", "beta_start": 0.00085, "num_train_timesteps": 1000,
                 "set_alpha_to_one": false, "skip_prk_steps": true, "steps_offset": 1, "trained_betas": null,
                 "clip_sample": false}
                """);

        assertThat(SchedulerConfig.read(file)).isEqualTo(SchedulerConfig.stableDiffusionDefaults());
    }

    @Test
    void readsEveryKey() throws IOException {
        Path file = write("""
                {"num_train_timesteps": 500, "beta_start": 0.0001, "beta_end": 0.02, "beta_schedule": "linear",
                 "prediction_type": "v_prediction", "timestep_spacing": "trailing", "steps_offset": 0,
                 "set_alpha_to_one": true, "original_inference_steps": 25, "timestep_scaling": 5.0}
                """);

        assertThat(SchedulerConfig.read(file))
                .isEqualTo(new SchedulerConfig(
                        500,
                        0.0001,
                        0.02,
                        BetaSchedule.LINEAR,
                        PredictionType.V_PREDICTION,
                        Optional.of(TimestepSpacing.TRAILING),
                        0,
                        true,
                        25,
                        5.0));
    }

    @Test
    void missingKeysTakeStableDiffusionDefaults() throws IOException {
        Path file = write("{\"prediction_type\": \"sample\", \"timestep_spacing\": null}");

        SchedulerConfig config = SchedulerConfig.read(file);

        assertThat(config.predictionType()).isEqualTo(PredictionType.SAMPLE);
        assertThat(config.timestepSpacing()).isEmpty();
        assertThat(config.numTrainTimesteps()).isEqualTo(1000);
        assertThat(config.betaSchedule()).isEqualTo(BetaSchedule.SCALED_LINEAR);
        assertThat(config.originalInferenceSteps()).isEqualTo(50);
        assertThat(config.timestepScaling()).isEqualTo(10.0);
    }

    @Test
    void badValuesNameTheFileAndTheKey() throws IOException {
        assertRejected("{\"beta_schedule\": \"cosine\"}", "beta_schedule", "squaredcos_cap_v2");
        assertRejected("{\"prediction_type\": 3}", "prediction_type", "v_prediction");
        assertRejected("{\"timestep_spacing\": \"even\"}", "timestep_spacing", "trailing");
        assertRejected("{\"num_train_timesteps\": \"many\"}", "num_train_timesteps", "integer");
        assertRejected("{\"num_train_timesteps\": 0}", "num_train_timesteps", "between");
        assertRejected("{\"steps_offset\": 1.5}", "steps_offset", "integer");
        assertRejected("{\"beta_start\": 1.5}", "beta_start", "between 0 and 1");
        assertRejected("{\"set_alpha_to_one\": \"yes\"}", "set_alpha_to_one", "true or false");
        assertRejected("{\"original_inference_steps\": 2000}", "original_inference_steps", "between");
        assertRejected("{\"trained_betas\": [0.1, 0.2]}", "trained_betas", "not supported");
        assertRejected("{\"rescale_betas_zero_snr\": true}", "rescale_betas_zero_snr", "not supported");
    }

    @Test
    void unreadableFilesNameTheFile() throws IOException {
        Path malformed = write("{\"beta_start\": ");
        assertThatThrownBy(() -> SchedulerConfig.read(malformed))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(malformed.toString());

        Path missing = dir.resolve("absent.json");
        assertThatThrownBy(() -> SchedulerConfig.read(missing))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(missing.toString());

        Path array = write("[1, 2]");
        assertThatThrownBy(() -> SchedulerConfig.read(array))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(array.toString())
                .hasMessageContaining("JSON object");
    }

    private void assertRejected(String json, String key, String detail) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> SchedulerConfig.read(file))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(key)
                .hasMessageContaining(detail);
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(dir, "scheduler_config", ".json");
        Files.writeString(file, json);
        return file;
    }

    static SchedulerConfig config(BetaSchedule schedule, double betaStart, double betaEnd) {
        return new SchedulerConfig(
                1000, betaStart, betaEnd, schedule, PredictionType.EPSILON, Optional.empty(), 1, false, 50, 10.0);
    }
}
