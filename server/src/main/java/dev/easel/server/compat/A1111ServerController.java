package dev.easel.server.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.generation.Base64Images;
import dev.easel.server.generation.Job;
import dev.easel.server.generation.JobState;
import dev.easel.server.generation.ModelCatalog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.NullNode;

/**
 * The A1111 calls that clients make when they connect (what the server has: schedulers, upscalers, VAEs, styles,
 * embeddings, ...; its flags and memory) and the small tools beside generation: png-info and skip. Every list is what
 * this server really has, empty where it has nothing of the kind.
 */
@RestController
@RequestMapping("/sdapi/v1")
class A1111ServerController {
    private final CompatJobs jobs;
    private final ModelCatalog catalog;
    private final JsonBody jsonBody;
    private final Environment environment;

    A1111ServerController(CompatJobs jobs, ModelCatalog catalog, JsonBody jsonBody, Environment environment) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.jsonBody = jsonBody;
        this.environment = environment;
    }

    /** One entry of {@code GET /sdapi/v1/upscalers}, A1111's {@code UpscalerItem}. */
    record Upscaler(
            String name,
            @JsonProperty("model_name") String modelName,
            @JsonProperty("model_path") String modelPath,
            @JsonProperty("model_url") String modelUrl,
            Double scale) {}

    /** A1111's answer of {@code GET /sdapi/v1/embeddings}: none loaded, none skipped. */
    record Embeddings(Map<String, Object> loaded, Map<String, Object> skipped) {}

    @GetMapping("/schedulers")
    List<A1111Schedulers.Entry> schedulers() {
        return A1111Schedulers.all();
    }

    /**
     * "None" as A1111 lists it, and Lanczos: the engine's resampler, which img2img uses to fit init images to the
     * requested size. There is no model upscaler and no hires fix or extras call that would take another.
     */
    @GetMapping("/upscalers")
    List<Upscaler> upscalers() {
        return List.of(new Upscaler("None", null, null, null, null), new Upscaler("Lanczos", null, null, null, null));
    }

    /** Latent upscaling is part of A1111's hires fix, which this server does not have. */
    @GetMapping("/latent-upscale-modes")
    List<Map<String, String>> latentUpscaleModes() {
        return List.of();
    }

    /** Each model decodes with the VAE in its own folder; there are no separate VAE files to choose from. */
    @GetMapping("/sd-vae")
    List<Map<String, String>> sdVae() {
        return List.of();
    }

    @GetMapping("/prompt-styles")
    List<Map<String, String>> promptStyles() {
        return List.of();
    }

    @GetMapping("/realesrgan-models")
    List<Map<String, String>> realesrganModels() {
        return List.of();
    }

    /** A1111's {@code ScriptsList}: no scripts, since {@code script_name} and {@code alwayson_scripts} are refused. */
    @GetMapping("/scripts")
    Map<String, List<String>> scripts() {
        return Map.of("txt2img", List.of(), "img2img", List.of());
    }

    @GetMapping("/script-info")
    List<Map<String, Object>> scriptInfo() {
        return List.of();
    }

    @GetMapping("/extensions")
    List<Map<String, Object>> extensions() {
        return List.of();
    }

    @GetMapping("/embeddings")
    Embeddings embeddings() {
        return new Embeddings(Map.of(), Map.of());
    }

    @GetMapping("/hypernetworks")
    List<Map<String, String>> hypernetworks() {
        return List.of();
    }

    @GetMapping("/face-restorers")
    List<Map<String, String>> faceRestorers() {
        return List.of();
    }

    /**
     * The few A1111 command-line flags that describe this server: the API is on, {@code listen} is whether it listens
     * on every interface (no {@code server.address}), {@code port} the port this call came in on; A1111's
     * {@code --api-auth} is not used (API keys are), so it is null.
     */
    @GetMapping("/cmd-flags")
    Map<String, Object> cmdFlags(HttpServletRequest http) {
        String address = environment.getProperty("server.address");
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("api", true);
        flags.put("listen", address == null || address.isBlank() || address.equals("0.0.0.0") || address.equals("::"));
        flags.put("port", http.getLocalPort());
        flags.put("api_auth", null);
        return flags;
    }

    /**
     * The catalog lists the models directory at every call, so new model folders are already visible; this reads
     * the ones not seen before. Answers null, as A1111 does.
     */
    @PostMapping("/refresh-checkpoints")
    Object refreshCheckpoints() {
        catalog.all();
        return NullNode.getInstance();
    }

    /** There are no separate VAE files to re-scan; answers null, as A1111 does. */
    @PostMapping("/refresh-vae")
    Object refreshVae() {
        return NullNode.getInstance();
    }

    /**
     * A1111 skips the image in progress and goes on with the next of its batch. Here all the images of a request are
     * one job, so skip cancels the caller's running jobs (not their queued ones); a waiting txt2img call then answers
     * with no images, as after an interrupt. Answers null, as A1111 does.
     */
    @PostMapping("/skip")
    Object skip(@AuthenticationPrincipal UserAccount user) {
        for (Job job : jobs.unfinished(user)) {
            if (job.state() == JobState.RUNNING) {
                jobs.cancel(job, user);
            }
        }
        return NullNode.getInstance();
    }

    @GetMapping("/memory")
    A1111Memory memory() {
        return A1111Memory.now();
    }

    /** The text chunks of a base64 PNG ({@code image}, a {@code data:} URL is fine) and its infotext, parsed. */
    @PostMapping("/png-info")
    A1111PngInfo pngInfo(HttpServletRequest http) throws IOException {
        JsonFields body = new JsonFields(jsonBody.readObject(http.getInputStream()));
        String image = body.string("image");
        if (image == null) {
            throw new WrongTypeException("image", "a base64 PNG image", "nothing");
        }
        return A1111PngInfo.of("image", Base64Images.decode("image", image));
    }
}
