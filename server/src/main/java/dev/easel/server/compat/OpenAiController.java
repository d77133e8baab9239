package dev.easel.server.compat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.easel.engine.model.ModelFolder;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.generation.ImageLinks;
import dev.easel.server.generation.Job;
import dev.easel.server.generation.JobImage;
import dev.easel.server.generation.JobState;
import dev.easel.server.generation.ModelCatalog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The OpenAI Images API subset under {@code /v1}: image generation and the model list. */
@RestController
@RequestMapping("/v1")
class OpenAiController {
    private final CompatJobs jobs;
    private final ModelCatalog catalog;
    private final JsonBody jsonBody;
    private final ImageLinks links;

    OpenAiController(CompatJobs jobs, ModelCatalog catalog, JsonBody jsonBody, ImageLinks links) {
        this.jsonBody = jsonBody;
        this.jobs = jobs;
        this.catalog = catalog;
        this.links = links;
    }

    /** {@code {"created", "data": [{"url"} | {"b64_json"}]}}. */
    record ImagesResponse(long created, List<ImageData> data) {}

    /** One image, by URL or inline; the other member is left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImageData(String url, @JsonProperty("b64_json") String b64Json) {}

    record ModelList(String object, List<Model> data) {}

    record Model(
            String id,
            String object,
            long created,
            @JsonProperty("owned_by") String ownedBy) {}

    @PostMapping("/images/generations")
    ImagesResponse generate(HttpServletRequest http, @AuthenticationPrincipal UserAccount user) throws IOException {
        OpenAiImageRequest request = OpenAiImageRequest.parse(jsonBody.readObject(http.getInputStream()), catalog);
        Job job = jobs.run(request.submission(), user);
        if (job.state() == JobState.FAILED) {
            throw new GenerationFailedException(job.id(), job.error());
        }
        if (job.state() == JobState.CANCELED) {
            throw new OpenAiException(HttpStatus.CONFLICT, "The request was canceled.", null, "canceled");
        }
        List<ImageData> data = job.images().stream()
                .sorted(Comparator.comparingInt(JobImage::index))
                .map(image -> request.base64()
                        ? new ImageData(null, jobs.base64Png(image))
                        : new ImageData(absoluteUrl(image), null))
                .toList();
        Instant created = job.finishedAt() != null ? job.finishedAt() : Instant.now();
        return new ImagesResponse(created.getEpochSecond(), data);
    }

    @GetMapping("/models")
    ModelList models() {
        return new ModelList(
                "list", catalog.all().stream().map(OpenAiController::model).toList());
    }

    @GetMapping("/models/{id}")
    Model model(@PathVariable String id) {
        return model(catalog.find(id)
                .orElseThrow(() -> new OpenAiException(
                        HttpStatus.NOT_FOUND,
                        "The model '" + id + "' does not exist or you do not have access to it.",
                        "model",
                        "model_not_found")));
    }

    private static Model model(ModelCatalog.Entry entry) {
        return new Model(entry.name(), "model", created(entry), "easel");
    }

    /** When the model was installed, as near as the folder tells: its model_index.json's modification time. */
    private static long created(ModelCatalog.Entry entry) {
        try {
            FileTime time = Files.getLastModifiedTime(entry.folder().path(ModelFolder.INDEX));
            return time.toInstant().getEpochSecond();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Signed and expiring, as OpenAI's URLs are: clients pass them to browsers and downloaders without the key. */
    private String absoluteUrl(JobImage image) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
                + links.signedPath(image.sha256());
    }
}
