package dev.easel.server.compat;

import dev.easel.server.generation.Job;
import dev.easel.server.generation.JobImage;
import dev.easel.server.generation.JobRequest;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A1111's {@code TextToImageResponse} / {@code ImageToImageResponse}: base64 PNGs, the request echoed with defaults,
 * and {@code info}, a JSON string with the keys of A1111's {@code Processed.js()}, filled with what actually ran.
 */
record A1111Result(List<String> images, Map<String, Object> parameters, String info) {
    /** A1111's job timestamp format, in the server's zone as A1111 writes it. */
    static final DateTimeFormatter JOB_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneId.systemDefault());

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Images are missing when the job was interrupted (A1111 answers with what it has) or send_images is false. */
    static A1111Result of(A1111Request request, Job job, List<String> images) {
        return new A1111Result(images, request.parameters(), JSON.writeValueAsString(info(request, job)));
    }

    private static Map<String, Object> info(A1111Request request, Job job) {
        Map<String, Object> p = request.parameters();
        JobRequest r = job.request();
        int count = r.count();
        long subseed = (Long) p.get("subseed");
        List<Long> seeds = new ArrayList<>();
        List<Long> subseeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seeds.add(job.seed() + i);
            // Subseeds do nothing here (variation seeds are refused), so a random one is never drawn.
            subseeds.add(subseed < 0 ? -1 : subseed + i);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("prompt", r.prompt());
        info.put("all_prompts", Collections.nCopies(count, r.prompt()));
        info.put("negative_prompt", r.negativePrompt());
        info.put("all_negative_prompts", Collections.nCopies(count, r.negativePrompt()));
        info.put("seed", job.seed());
        info.put("all_seeds", seeds);
        info.put("subseed", subseeds.getFirst());
        info.put("all_subseeds", subseeds);
        info.put("subseed_strength", 0.0);
        info.put("width", r.width());
        info.put("height", r.height());
        info.put("sampler_name", r.sampler());
        info.put("cfg_scale", r.cfgScale());
        info.put("steps", r.steps());
        info.put("batch_size", request.batchSize());
        info.put("restore_faces", false);
        info.put("face_restoration_model", null);
        info.put("sd_model_name", request.model().name());
        info.put("sd_model_hash", request.model().folder().shortHash());
        info.put("sd_vae_name", null);
        info.put("sd_vae_hash", null);
        info.put("seed_resize_from_w", -1);
        info.put("seed_resize_from_h", -1);
        info.put("denoising_strength", r.initImage() == null ? p.get("denoising_strength") : r.strength());
        info.put("extra_generation_params", Map.of());
        info.put("index_of_first_image", 0);
        info.put("infotexts", job.images().stream().map(JobImage::infotext).toList());
        info.put("styles", p.get("styles") == null ? List.of() : p.get("styles"));
        info.put("job_timestamp", JOB_TIMESTAMP.format(job.createdAt()));
        info.put("clip_skip", 1);
        info.put("is_using_inpainting_conditioning", false);
        info.put("version", "easel");
        return info;
    }
}
