package dev.easel.server.compat;

import dev.easel.engine.InvalidRequestException;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The samplers as A1111's {@code /sdapi/v1/samplers} lists them, and A1111's ways of naming one in a request. */
final class A1111Samplers {
    private A1111Samplers() {}

    /** One entry of {@code GET /sdapi/v1/samplers}. */
    record Entry(String name, List<String> aliases, Map<String, String> options) {}

    static List<Entry> all() {
        return Arrays.stream(Sampler.values())
                .map(s -> new Entry(s.displayName(), aliases(s), options(s)))
                .toList();
    }

    /**
     * The sampler a request names: {@code sampler_name}, else the deprecated {@code sampler_index} (as A1111 does),
     * by display name or alias, refined by A1111's separate {@code scheduler} field (see {@link A1111Schedulers}).
     *
     * @throws NotFoundException for an unknown sampler (A1111 answers 404 "Sampler not found")
     * @throws FieldException naming {@code scheduler} for a schedule type this server does not have
     */
    static Sampler resolve(String samplerName, String samplerIndex, String scheduler) {
        boolean named = samplerName != null && !samplerName.isBlank();
        String field = named ? "sampler_name" : "sampler_index";
        String name = named ? samplerName : samplerIndex;
        return A1111Schedulers.apply(byName(name, field), scheduler);
    }

    private static Sampler byName(String name, String field) {
        String wanted = name == null ? "" : name.strip();
        for (Sampler s : Sampler.values()) {
            if (aliases(s).stream().anyMatch(alias -> alias.equalsIgnoreCase(wanted))) {
                return s;
            }
        }
        try {
            return Sampler.fromName(wanted);
        } catch (InvalidRequestException e) {
            throw new NotFoundException(field + ": sampler not found: '" + wanted + "'; available: "
                    + all().stream().map(Entry::name).toList());
        }
    }

    /** A1111's aliases for its samplers of the same name. */
    private static List<String> aliases(Sampler sampler) {
        return switch (sampler) {
            case EULER -> List.of("k_euler");
            case EULER_A -> List.of("k_euler_a", "k_euler_ancestral");
            case DDIM -> List.of("ddim");
            case DPMPP_2M -> List.of("k_dpmpp_2m");
            case DPMPP_2M_KARRAS -> List.of("k_dpmpp_2m_ka");
            case LCM -> List.of("k_lcm");
        };
    }

    private static Map<String, String> options(Sampler sampler) {
        return sampler == Sampler.DPMPP_2M_KARRAS ? Map.of("scheduler", "karras") : Map.of();
    }
}
