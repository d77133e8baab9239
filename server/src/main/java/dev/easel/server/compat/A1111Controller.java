package dev.easel.server.compat;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.generation.Job;
import dev.easel.server.generation.JobImage;
import dev.easel.server.generation.JobState;
import dev.easel.server.generation.ModelCatalog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AUTOMATIC1111 API subset under {@code /sdapi/v1}, over the generation service. Unlike A1111, progress and
 * interrupt concern only the caller's own jobs.
 */
@RestController
@RequestMapping("/sdapi/v1")
class A1111Controller {
    private final CompatJobs jobs;
    private final A1111Checkpoints checkpoints;
    private final JsonBody jsonBody;

    A1111Controller(CompatJobs jobs, A1111Checkpoints checkpoints, JsonBody jsonBody) {
        this.jsonBody = jsonBody;
        this.jobs = jobs;
        this.checkpoints = checkpoints;
    }

    @PostMapping("/txt2img")
    A1111Result txt2img(HttpServletRequest http, @AuthenticationPrincipal UserAccount user) throws IOException {
        return generate(A1111Request.parse(body(http), false, checkpoints, user), user);
    }

    @PostMapping("/img2img")
    A1111Result img2img(HttpServletRequest http, @AuthenticationPrincipal UserAccount user) throws IOException {
        return generate(A1111Request.parse(body(http), true, checkpoints, user), user);
    }

    @GetMapping("/progress")
    A1111Progress progress(
            @RequestParam(name = "skip_current_image", defaultValue = "false") boolean skipCurrentImage,
            @AuthenticationPrincipal UserAccount user) {
        List<Job> unfinished = jobs.unfinished(user);
        if (unfinished.isEmpty()) {
            return A1111Progress.idle();
        }
        Job job = unfinished.getFirst();
        return A1111Progress.of(
                job,
                jobs.latestEvent(job).orElse(null),
                jobs.queuePosition(job),
                skipCurrentImage ? null : jobs.preview(job).orElse(null),
                Instant.now());
    }

    /** Cancels the caller's queued and running jobs; a waiting txt2img call then returns what it has (nothing). */
    @PostMapping("/interrupt")
    Map<String, Object> interrupt(@AuthenticationPrincipal UserAccount user) {
        for (Job job : jobs.unfinished(user)) {
            jobs.cancel(job, user);
        }
        return Map.of();
    }

    @GetMapping("/sd-models")
    List<A1111Checkpoints.SdModel> sdModels() {
        return checkpoints.all();
    }

    @GetMapping("/samplers")
    List<A1111Samplers.Entry> samplers() {
        return A1111Samplers.all();
    }

    /** The few A1111 options that mean something here; the checkpoint is the caller's default. */
    @GetMapping("/options")
    Map<String, Object> options(@AuthenticationPrincipal UserAccount user) {
        ModelCatalog.Entry model = checkpoints.defaultEntry(user);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("sd_model_checkpoint", A1111Checkpoints.title(model));
        options.put("sd_checkpoint_hash", model.folder().sha256());
        options.put("samples_format", "png");
        options.put("CLIP_stop_at_last_layers", 1);
        options.put("eta_noise_seed_delta", 0);
        return options;
    }

    /**
     * Sets options: only {@code sd_model_checkpoint} (the caller's default model, see
     * {@link A1111Checkpoints#choose}) means something here; other options are ignored, as A1111 ignores ones it does
     * not know. Answers JSON null, as A1111 does.
     */
    @PostMapping("/options")
    Object setOptions(HttpServletRequest http, @AuthenticationPrincipal UserAccount user) throws IOException {
        String checkpoint = new JsonFields(body(http)).string("sd_model_checkpoint");
        if (checkpoint != null) {
            checkpoints.choose(checkpoint, user);
        }
        return NullNode.getInstance();
    }

    private A1111Result generate(A1111Request request, UserAccount user) {
        Job job = jobs.run(request.submission(), user);
        if (job.state() == JobState.FAILED) {
            throw new GenerationFailedException(job.id(), job.error());
        }
        List<String> images = request.sendImages()
                ? job.images().stream()
                        .sorted(Comparator.comparingInt(JobImage::index))
                        .map(jobs::base64Png)
                        .toList()
                : List.of();
        return A1111Result.of(request, job, images);
    }

    private ObjectNode body(HttpServletRequest http) throws IOException {
        return jsonBody.readObject(http.getInputStream());
    }
}
