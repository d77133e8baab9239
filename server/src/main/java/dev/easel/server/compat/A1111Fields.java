package dev.easel.server.compat;

import static dev.easel.server.compat.A1111Field.Kind.ARRAY;
import static dev.easel.server.compat.A1111Field.Kind.BOOLEAN;
import static dev.easel.server.compat.A1111Field.Kind.INTEGER;
import static dev.easel.server.compat.A1111Field.Kind.LONG;
import static dev.easel.server.compat.A1111Field.Kind.NUMBER;
import static dev.easel.server.compat.A1111Field.Kind.OBJECT;
import static dev.easel.server.compat.A1111Field.Kind.STRING;
import static dev.easel.server.compat.A1111Field.Kind.STRINGS;

import dev.easel.server.api.FieldException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of A1111's {@code StableDiffusionTxt2ImgProcessingAPI} and {@code StableDiffusionImg2ImgProcessingAPI}
 * request models, in A1111's order and with its defaults. Every member is type-checked; members Easel does not act on
 * are accepted when they leave their feature off, so that clients sending A1111's full default request work.
 */
final class A1111Fields {
    private static final List<A1111Field> LEADING = List.of(
            A1111Field.of("prompt", STRING, ""),
            A1111Field.of("negative_prompt", STRING, ""),
            A1111Field.of("styles", STRINGS, null),
            A1111Field.of("seed", LONG, -1L),
            A1111Field.of("subseed", LONG, -1L),
            A1111Field.unsupported("subseed_strength", NUMBER, 0.0, "variation seeds"),
            A1111Field.unsupported("seed_resize_from_h", INTEGER, -1, "seed resizing"),
            A1111Field.unsupported("seed_resize_from_w", INTEGER, -1, "seed resizing"),
            A1111Field.of("sampler_name", STRING, null),
            A1111Field.of("scheduler", STRING, null),
            A1111Field.of("batch_size", INTEGER, 1),
            A1111Field.of("n_iter", INTEGER, 1),
            A1111Field.of("steps", INTEGER, 50),
            A1111Field.of("cfg_scale", NUMBER, 7.0),
            A1111Field.of("width", INTEGER, 512),
            A1111Field.of("height", INTEGER, 512),
            A1111Field.unsupported("restore_faces", BOOLEAN, null, "face restoration"),
            A1111Field.unsupported("tiling", BOOLEAN, null, "tiling"),
            A1111Field.of("do_not_save_samples", BOOLEAN, false),
            A1111Field.of("do_not_save_grid", BOOLEAN, false),
            A1111Field.of("eta", NUMBER, null),
            A1111Field.of("s_min_uncond", NUMBER, null),
            A1111Field.of("s_churn", NUMBER, null),
            A1111Field.of("s_tmax", NUMBER, null),
            A1111Field.of("s_tmin", NUMBER, null),
            A1111Field.of("s_noise", NUMBER, null),
            A1111Field.of("override_settings", OBJECT, Map.of()),
            A1111Field.of("override_settings_restore_afterwards", BOOLEAN, true),
            A1111Field.unsupported("refiner_checkpoint", STRING, null, "refiner models"),
            A1111Field.of("refiner_switch_at", NUMBER, null),
            A1111Field.of("disable_extra_networks", BOOLEAN, false),
            A1111Field.of("comments", OBJECT, null));

    private static final List<A1111Field> TXT2IMG_ONLY = List.of(
            A1111Field.unsupported("firstpass_image", STRING, null, "high-resolution fix"),
            A1111Field.of("denoising_strength", NUMBER, null),
            A1111Field.unsupported("enable_hr", BOOLEAN, false, "high-resolution fix"),
            A1111Field.of("firstphase_width", INTEGER, 0),
            A1111Field.of("firstphase_height", INTEGER, 0),
            A1111Field.of("hr_scale", NUMBER, 2.0),
            A1111Field.of("hr_upscaler", STRING, null),
            A1111Field.of("hr_second_pass_steps", INTEGER, 0),
            A1111Field.of("hr_resize_x", INTEGER, 0),
            A1111Field.of("hr_resize_y", INTEGER, 0),
            A1111Field.of("hr_checkpoint_name", STRING, null),
            A1111Field.of("hr_sampler_name", STRING, null),
            A1111Field.of("hr_scheduler", STRING, null),
            A1111Field.of("hr_prompt", STRING, ""),
            A1111Field.of("hr_negative_prompt", STRING, ""));

    private static final List<A1111Field> IMG2IMG_ONLY = List.of(
            A1111Field.of("init_images", STRINGS, null),
            A1111Field.unsupported("resize_mode", INTEGER, 0, "resize modes other than 0 (just resize)"),
            A1111Field.of("denoising_strength", NUMBER, 0.75),
            A1111Field.of("image_cfg_scale", NUMBER, null),
            A1111Field.unsupported("mask", STRING, null, "inpainting"),
            A1111Field.of("mask_blur_x", INTEGER, 4),
            A1111Field.of("mask_blur_y", INTEGER, 4),
            A1111Field.of("mask_blur", INTEGER, null),
            A1111Field.of("mask_round", BOOLEAN, true),
            A1111Field.of("inpainting_fill", INTEGER, 0),
            A1111Field.of("inpaint_full_res", BOOLEAN, true),
            A1111Field.of("inpaint_full_res_padding", INTEGER, 0),
            A1111Field.of("inpainting_mask_invert", INTEGER, 0),
            A1111Field.of("initial_noise_multiplier", NUMBER, null),
            A1111Field.unsupported("latent_mask", STRING, null, "inpainting"),
            A1111Field.of("include_init_images", BOOLEAN, false));

    private static final List<A1111Field> TRAILING = List.of(
            A1111Field.of("force_task_id", STRING, null),
            A1111Field.of("sampler_index", STRING, "Euler"),
            A1111Field.unsupported("script_name", STRING, null, "scripts"),
            A1111Field.of("script_args", ARRAY, List.of()),
            A1111Field.of("send_images", BOOLEAN, true),
            A1111Field.of("save_images", BOOLEAN, false),
            A1111Field.unsupported("alwayson_scripts", OBJECT, Map.of(), "always-on scripts (extensions)"),
            A1111Field.unsupported("infotext", STRING, null, "reading settings from an infotext"));

    static final List<A1111Field> TXT2IMG = concat(TXT2IMG_ONLY);
    static final List<A1111Field> IMG2IMG = concat(IMG2IMG_ONLY);

    private A1111Fields() {}

    /**
     * Type-checks every field of the request model, refuses fields that turn on a feature Easel lacks, and returns the
     * request with A1111's defaults filled in, in A1111's order (the response's {@code parameters}). Members A1111 does
     * not define are ignored, as its models do.
     */
    static Map<String, Object> withDefaults(JsonFields body, List<A1111Field> model) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (A1111Field field : model) {
            Object given = field.kind().read(body, field.name());
            if (field.unsupported() != null && !A1111Field.leavesOff(body.raw(field.name()))) {
                throw new FieldException(
                        field.name(),
                        field.name() + ": " + field.unsupported()
                                + " is not supported by this server; omit the field or leave it off");
            }
            values.put(field.name(), given == null ? field.defaultValue() : given);
        }
        return values;
    }

    private static List<A1111Field> concat(List<A1111Field> middle) {
        List<A1111Field> all = new ArrayList<>(LEADING);
        all.addAll(middle);
        all.addAll(TRAILING);
        return List.copyOf(all);
    }
}
