package dev.easel.engine.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.engine.ModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The training noise schedule and sampler settings of a model, from its scheduler/scheduler_config.json. Messages of
 * invalid values name the JSON key.
 *
 * @param timestepSpacing empty when the config does not say, so each sampler uses its diffusers default
 * @param originalInferenceSteps LCM only: the step count of the distillation schedule LCM timesteps are taken from
 * @param timestepScaling LCM only: scales the timestep in the consistency boundary condition
 */
public record SchedulerConfig(
        int numTrainTimesteps,
        double betaStart,
        double betaEnd,
        BetaSchedule betaSchedule,
        PredictionType predictionType,
        Optional<TimestepSpacing> timestepSpacing,
        int stepsOffset,
        boolean setAlphaToOne,
        int originalInferenceSteps,
        double timestepScaling) {

    /** Bounds the tables a (possibly user-uploaded) config can make us allocate. */
    private static final int MAX_TRAIN_TIMESTEPS = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    public SchedulerConfig {
        Objects.requireNonNull(betaSchedule, "beta_schedule");
        Objects.requireNonNull(predictionType, "prediction_type");
        Objects.requireNonNull(timestepSpacing, "timestep_spacing");
        if (numTrainTimesteps < 2 || numTrainTimesteps > MAX_TRAIN_TIMESTEPS) {
            throw new IllegalArgumentException(
                    "num_train_timesteps must be between 2 and " + MAX_TRAIN_TIMESTEPS + ", got " + numTrainTimesteps);
        }
        requireProbability("beta_start", betaStart);
        requireProbability("beta_end", betaEnd);
        if (stepsOffset < 0 || stepsOffset >= numTrainTimesteps) {
            throw new IllegalArgumentException(
                    "steps_offset must be between 0 and num_train_timesteps - 1, got " + stepsOffset);
        }
        if (originalInferenceSteps < 1 || originalInferenceSteps > numTrainTimesteps) {
            throw new IllegalArgumentException("original_inference_steps must be between 1 and num_train_timesteps ("
                    + numTrainTimesteps + "), got " + originalInferenceSteps);
        }
        if (!(timestepScaling > 0) || Double.isInfinite(timestepScaling)) {
            throw new IllegalArgumentException("timestep_scaling must be a positive number, got " + timestepScaling);
        }
    }

    private static void requireProbability(String key, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(key + " must be between 0 and 1 (exclusive), got " + value);
        }
    }

    /** The Stable Diffusion 1.x/2.x training schedule; also the value of every key a config file leaves out. */
    public static SchedulerConfig stableDiffusionDefaults() {
        return new SchedulerConfig(
                1000,
                0.00085,
                0.012,
                BetaSchedule.SCALED_LINEAR,
                PredictionType.EPSILON,
                Optional.empty(),
                1,
                false,
                50,
                10.0);
    }

    /**
     * Reads a diffusers scheduler_config.json. Keys that are missing or null take {@link #stableDiffusionDefaults()}
     * values; unknown keys are ignored.
     *
     * @throws ModelException naming the file and the key when the file is unreadable or a value is invalid or
     *     unsupported
     */
    public static SchedulerConfig read(Path schedulerConfigJson) {
        JsonNode root;
        try {
            root = JSON.readTree(schedulerConfigJson.toFile());
        } catch (IOException e) {
            throw new ModelException(schedulerConfigJson + ": cannot read scheduler config: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelException(schedulerConfigJson + ": scheduler config must be a JSON object");
        }
        var reader = new ConfigReader(schedulerConfigJson, root);
        reader.rejectUnsupported();
        SchedulerConfig defaults = stableDiffusionDefaults();
        try {
            return new SchedulerConfig(
                    reader.integer("num_train_timesteps", defaults.numTrainTimesteps()),
                    reader.number("beta_start", defaults.betaStart()),
                    reader.number("beta_end", defaults.betaEnd()),
                    reader.choice("beta_schedule", BetaSchedule.values(), BetaSchedule::configName)
                            .orElse(defaults.betaSchedule()),
                    reader.choice("prediction_type", PredictionType.values(), PredictionType::configName)
                            .orElse(defaults.predictionType()),
                    reader.choice("timestep_spacing", TimestepSpacing.values(), TimestepSpacing::configName),
                    reader.integer("steps_offset", defaults.stepsOffset()),
                    reader.bool("set_alpha_to_one", defaults.setAlphaToOne()),
                    reader.integer("original_inference_steps", defaults.originalInferenceSteps()),
                    reader.number("timestep_scaling", defaults.timestepScaling()));
        } catch (IllegalArgumentException e) {
            throw new ModelException(schedulerConfigJson + ": " + e.getMessage(), e);
        }
    }

    /** Alpha-bar of every training timestep: the cumulative product of (1 - beta). */
    public double[] alphasCumprod() {
        double[] betas = betaSchedule.betas(numTrainTimesteps, betaStart, betaEnd);
        double[] cumprod = new double[betas.length];
        double product = 1;
        for (int t = 0; t < betas.length; t++) {
            product *= 1 - betas[t];
            cumprod[t] = product;
        }
        return cumprod;
    }

    /** Typed access to the keys of one config file, failing with the file and key named. */
    private record ConfigReader(Path file, JsonNode root) {

        /** Keys that change the noise schedule in ways this engine does not implement: refuse rather than drift. */
        void rejectUnsupported() {
            JsonNode trainedBetas = root.get("trained_betas");
            if (trainedBetas != null && !trainedBetas.isNull()) {
                throw invalid("trained_betas", "explicit beta lists are not supported; expected null");
            }
            JsonNode zeroSnr = root.get("rescale_betas_zero_snr");
            if (zeroSnr != null && !zeroSnr.isNull() && !(zeroSnr.isBoolean() && !zeroSnr.booleanValue())) {
                throw invalid("rescale_betas_zero_snr", "zero-terminal-SNR rescaling is not supported; expected false");
            }
        }

        int integer(String key, int fallback) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
                throw invalid(key, "expected an integer, got " + node);
            }
            return node.intValue();
        }

        double number(String key, double fallback) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isNumber()) {
                throw invalid(key, "expected a number, got " + node);
            }
            return node.doubleValue();
        }

        boolean bool(String key, boolean fallback) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isBoolean()) {
                throw invalid(key, "expected true or false, got " + node);
            }
            return node.booleanValue();
        }

        <E> Optional<E> choice(String key, E[] options, Function<E, String> configName) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            String allowed = Arrays.stream(options).map(configName).collect(Collectors.joining(", "));
            if (node.isTextual()) {
                for (E option : options) {
                    if (configName.apply(option).equals(node.textValue())) {
                        return Optional.of(option);
                    }
                }
            }
            throw invalid(key, "unsupported value " + node + "; expected one of: " + allowed);
        }

        private ModelException invalid(String key, String problem) {
            return new ModelException(file + ": key '" + key + "': " + problem);
        }
    }
}
