package dev.easel.server.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.server.api.FieldException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A1111's schedule types (its separate {@code scheduler} field, A1111 1.9 and later) as far as this server has them.
 * The engine's samplers take their timestep spacing from the model's scheduler_config.json ("Automatic"); the only
 * other schedule it computes is Karras sigmas, and only for DPM++ 2M. A1111's other schedule types are refused by name
 * rather than silently run with a different schedule.
 */
final class A1111Schedulers {
    /** A1111's schedule types that Easel does not have, by name and label, for telling them from typos. */
    private static final Map<String, String> ONLY_IN_A1111 = Map.ofEntries(
            Map.entry("uniform", "Uniform"),
            Map.entry("exponential", "Exponential"),
            Map.entry("polyexponential", "Polyexponential"),
            Map.entry("sgm_uniform", "SGM Uniform"),
            Map.entry("kl_optimal", "KL Optimal"),
            Map.entry("align_your_steps", "Align Your Steps"),
            Map.entry("simple", "Simple"),
            Map.entry("normal", "Normal"),
            Map.entry("ddim", "DDIM"),
            Map.entry("beta", "Beta"),
            Map.entry("karras_exponential", "Karras Exponential"));

    private A1111Schedulers() {}

    /**
     * One entry of {@code GET /sdapi/v1/schedulers}, with the members of A1111's {@code SchedulerItem}.
     *
     * @param aliases other names A1111 accepts; null when there are none, as A1111 lists them
     * @param defaultRho the rho of the schedule's formula, -1 when it has none (A1111's convention)
     */
    record Entry(
            String name,
            String label,
            List<String> aliases,
            @JsonProperty("default_rho") double defaultRho,
            @JsonProperty("need_inner_model") boolean needInnerModel) {}

    private static final Entry AUTOMATIC = new Entry("automatic", "Automatic", null, -1, false);
    /** Karras et al.'s sigmas with rho 7, which A1111 also uses. */
    private static final Entry KARRAS = new Entry("karras", "Karras", null, 7.0, false);

    static List<Entry> all() {
        return List.of(AUTOMATIC, KARRAS);
    }

    /**
     * The sampler that runs {@code sampler} with the schedule type {@code scheduler}, named by A1111 name or label in
     * any case; blank or null is Automatic.
     *
     * @throws FieldException naming {@code scheduler} and the value when this server cannot run that schedule
     */
    static Sampler apply(Sampler sampler, String scheduler) {
        if (scheduler == null || scheduler.isBlank() || matches(AUTOMATIC, scheduler)) {
            return sampler;
        }
        if (matches(KARRAS, scheduler)) {
            if (sampler == Sampler.DPMPP_2M || sampler == Sampler.DPMPP_2M_KARRAS) {
                return Sampler.DPMPP_2M_KARRAS;
            }
            throw new FieldException(
                    "scheduler",
                    "scheduler: 'Karras' is available only with DPM++ 2M on this server, not with "
                            + sampler.displayName() + "; use Automatic, or sampler DPM++ 2M");
        }
        String wanted = scheduler.strip();
        boolean a1111s = ONLY_IN_A1111.entrySet().stream()
                .anyMatch(
                        e -> e.getKey().equalsIgnoreCase(wanted) || e.getValue().equalsIgnoreCase(wanted));
        throw new FieldException(
                "scheduler",
                "scheduler: '" + scheduler + "' is "
                        + (a1111s ? "an A1111 schedule type this server does not have" : "not a known schedule type")
                        + "; available: " + all().stream().map(Entry::label).toList()
                        + " (Karras with DPM++ 2M only)");
    }

    private static boolean matches(Entry entry, String scheduler) {
        String wanted = scheduler.strip().toLowerCase(Locale.ROOT);
        return entry.name().equals(wanted)
                || entry.label().toLowerCase(Locale.ROOT).equals(wanted);
    }
}
