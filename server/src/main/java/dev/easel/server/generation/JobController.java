package dev.easel.server.generation;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.NotFoundException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Native generation API: submit, inspect, list, cancel, follow (SSE) and fetch images. */
@RestController
@RequestMapping("/api/v1")
class JobController {
    private static final Duration STREAM_TIMEOUT = Duration.ofHours(1);

    private final GenerationService generation;
    private final ModelCatalog catalog;
    private final ImageFiles images;
    private final ImageLinks links;

    JobController(GenerationService generation, ModelCatalog catalog, ImageFiles images, ImageLinks links) {
        this.generation = generation;
        this.catalog = catalog;
        this.images = images;
        this.links = links;
    }

    @PostMapping("/jobs")
    ResponseEntity<JobView> submit(@RequestBody JobBody body, @AuthenticationPrincipal UserAccount user) {
        Job job = generation.submit(body.toSubmission(), user);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/jobs/" + job.id()))
                .body(view(job));
    }

    @GetMapping("/jobs/{id}")
    JobView get(@PathVariable String id, @AuthenticationPrincipal UserAccount user) {
        return view(generation.get(id, user));
    }

    @GetMapping("/jobs")
    List<JobView> list(@RequestParam(defaultValue = "50") int limit, @AuthenticationPrincipal UserAccount user) {
        return generation.list(user, limit).stream().map(this::view).toList();
    }

    @PostMapping("/jobs/{id}/cancel")
    JobView cancel(@PathVariable String id, @AuthenticationPrincipal UserAccount user) {
        return view(generation.cancel(id, user));
    }

    /** Server-sent events: queued (position), progress (step, total, preview), then done, failed or canceled. */
    @GetMapping(path = "/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id, @AuthenticationPrincipal UserAccount user) {
        Job job = generation.get(id, user);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        if (job.state().finished()) {
            send(emitter, JobEvent.finished(id, job.state(), job.error()));
            return emitter;
        }
        AutoCloseable subscription = generation.subscribe(id, event -> send(emitter, event));
        Runnable unsubscribe = () -> closeQuietly(subscription);
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(e -> unsubscribe.run());
        int position = generation.queuePosition(id);
        generation
                .latestEvent(id)
                .or(() -> position >= 0 ? Optional.of(JobEvent.queued(id, position)) : Optional.empty())
                .ifPresent(event -> send(emitter, event));
        // It may have finished between the first look and the subscription.
        Job now = generation.get(id, user);
        if (now.state().finished()) {
            send(emitter, JobEvent.finished(id, now.state(), now.error()));
        }
        return emitter;
    }

    /** 404 alike for a hash that does not exist and an image the caller may not see: a refusal confirms nothing. */
    @GetMapping(path = "/images/{sha256}.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> image(
            @PathVariable String sha256,
            @RequestParam(required = false) Long expires,
            @RequestParam(required = false) String signature,
            @AuthenticationPrincipal UserAccount user) {
        ImageFiles.ImageFile image = images.find(sha256, user, links.valid(sha256, expires, signature))
                .orElseThrow(() -> new NotFoundException("no image " + sha256));
        return ResponseEntity.ok().cacheControl(image.access().cacheControl()).body(image.png());
    }

    @GetMapping("/models")
    List<ModelView> models() {
        String defaultName = catalog.defaultEntry().name();
        return catalog.all().stream()
                .map(e -> new ModelView(e.name(), e.name().equals(defaultName), e.nativeSize()))
                .toList();
    }

    /** A model the server can generate with. */
    record ModelView(String name, boolean isDefault, int nativeSize) {}

    private JobView view(Job job) {
        return JobView.of(
                job,
                generation.queuePosition(job.id()),
                generation.latestEvent(job.id()).orElse(null));
    }

    private static void send(SseEmitter emitter, JobEvent event) {
        try {
            emitter.send(SseEmitter.event().name(event.type()).data(event, MediaType.APPLICATION_JSON));
            if (event.terminal()) {
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away; the emitter's callbacks unsubscribe.
            emitter.completeWithError(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Unsubscribing cannot meaningfully fail.
        }
    }
}
