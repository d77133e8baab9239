package dev.easel.engine.scheduler;

import dev.easel.engine.InvalidRequestException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The samplers a request can choose, under their AUTOMATIC1111 display names. */
public enum Sampler {
    EULER("Euler"),
    EULER_A("Euler a"),
    DDIM("DDIM"),
    DPMPP_2M("DPM++ 2M"),
    DPMPP_2M_KARRAS("DPM++ 2M Karras"),
    LCM("LCM");

    /** Most steps a request may ask for: Stable Diffusion schedules have 1000 training timesteps to spread them over. */
    public static final int MAX_STEPS = 1000;

    private static final Map<String, Sampler> BY_KEY = Arrays.stream(values())
            .flatMap(s -> Stream.concat(Stream.of(s.name(), s.displayName), aliases(s).stream())
                    .map(name -> Map.entry(key(name), s)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, Sampler::sameSampler));

    private static final String CHOICES =
            Arrays.stream(values()).map(Sampler::displayName).collect(Collectors.joining(", "));

    private final String displayName;

    Sampler(String displayName) {
        this.displayName = displayName;
    }

    /** k-diffusion and diffusers spellings besides the display and enum names. */
    private static List<String> aliases(Sampler sampler) {
        return switch (sampler) {
            case EULER -> List.of("k_euler", "EulerDiscreteScheduler");
            case EULER_A ->
                List.of("k_euler_a", "euler_ancestral", "k_euler_ancestral", "EulerAncestralDiscreteScheduler");
            case DDIM -> List.of("DDIMScheduler");
            case DPMPP_2M -> List.of("k_dpmpp_2m", "DPMSolverMultistepScheduler");
            case DPMPP_2M_KARRAS -> List.of("k_dpmpp_2m_karras");
            case LCM -> List.of("LCMScheduler");
        };
    }

    /** The AUTOMATIC1111 name, e.g. "DPM++ 2M Karras". */
    public String displayName() {
        return displayName;
    }

    /**
     * A fresh per-sample scheduler for {@code steps} steps of this model's schedule.
     *
     * @throws InvalidRequestException when steps is outside 1..{@value #MAX_STEPS} or beyond what the schedule allows
     */
    public Scheduler create(SchedulerConfig config, int steps) {
        Objects.requireNonNull(config, "config");
        if (steps < 1 || steps > MAX_STEPS) {
            throw new InvalidRequestException("steps must be between 1 and " + MAX_STEPS + ", got " + steps);
        }
        if (steps > config.numTrainTimesteps()) {
            throw new InvalidRequestException("steps must be at most " + config.numTrainTimesteps()
                    + " (the model's num_train_timesteps), got " + steps);
        }
        return switch (this) {
            case EULER -> EulerScheduler.create(config, steps, false);
            case EULER_A -> EulerScheduler.create(config, steps, true);
            case DDIM -> DdimScheduler.create(config, steps);
            case DPMPP_2M -> DpmSolverMultistepScheduler.create(config, steps, false);
            case DPMPP_2M_KARRAS -> DpmSolverMultistepScheduler.create(config, steps, true);
            case LCM -> LcmScheduler.create(config, steps);
        };
    }

    /**
     * The sampler named by an AUTOMATIC1111 display name ("Euler a"), an enum name ("EULER_A"), a k-diffusion or
     * diffusers-style alias (k_euler_a, euler_ancestral, dpmpp_2m_karras) or a diffusers scheduler class name, ignoring
     * case, spaces, underscores and hyphens, with "++" read as "pp".
     *
     * @throws InvalidRequestException naming the allowed display names when nothing matches
     */
    public static Sampler fromName(String name) {
        Sampler sampler = name == null ? null : BY_KEY.get(key(name));
        if (sampler == null) {
            throw new InvalidRequestException("unknown sampler '" + name + "'; choose one of: " + CHOICES);
        }
        return sampler;
    }

    /** Spellings of one sampler may coincide after normalising; spellings of two may not. */
    private static Sampler sameSampler(Sampler a, Sampler b) {
        if (a != b) {
            throw new IllegalStateException("sampler names collide: " + a + " and " + b);
        }
        return a;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace("++", "pp").replaceAll("[\\s_\\-]", "");
    }
}
