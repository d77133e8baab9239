package dev.easel.server.generation;

import dev.easel.engine.InvalidRequestException;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.Generator;
import dev.easel.engine.pipeline.RequestLimits;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.TooManyRequestsException;
import dev.easel.server.images.ImageDecoder;
import dev.easel.server.images.ImageLimit;
import dev.easel.server.moderation.AuditResult;
import dev.easel.server.moderation.PromptAudit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * The generation path's front door: validates, answers from the exact-result cache, persists the job, coalesces it
 * with an identical one in flight or queues it for its model's batch loop.
 */
@Service
public class GenerationService {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** An init image is resized to the job's size, so it need not be larger than the largest job. */
    private static final ImageLimit INIT_IMAGE_LIMIT =
            ImageLimit.sides(DiffusionModel.MAX_IMAGE_SIDE, DiffusionModel.MAX_IMAGE_SIDE);
    /**
     * Stands for an init image in the range checks, which only ask whether there is one; its header has passed, its
     * pixels are decoded once the job is admitted.
     */
    private static final RgbImage NOT_YET_DECODED = new RgbImage(1, 1, new byte[3]);

    private final ModelCatalog catalog;
    private final JobRepository jobs;
    private final JobQueue queue;
    private final JobEvents events;
    private final BlobStore blobs;
    private final JobTransitions transitions;
    private final BatchSchedulers schedulers;
    private final GenerationProperties properties;
    private final PromptAudit audit;
    private final ImageDecoder images;
    private final Counter rejected;
    private final Counter cacheHits;

    public GenerationService(
            ModelCatalog catalog,
            JobRepository jobs,
            JobQueue queue,
            JobEvents events,
            BlobStore blobs,
            JobTransitions transitions,
            BatchSchedulers schedulers,
            GenerationProperties properties,
            PromptAudit audit,
            ImageDecoder images,
            MeterRegistry meters) {
        this.catalog = catalog;
        this.jobs = jobs;
        this.queue = queue;
        this.events = events;
        this.blobs = blobs;
        this.transitions = transitions;
        this.schedulers = schedulers;
        this.properties = properties;
        this.audit = audit;
        this.images = images;
        this.rejected = meters.counter("easel.requests.rejected");
        this.cacheHits = meters.counter("easel.results.cache.hits");
        Gauge.builder("easel.queue.depth", queue, JobQueue::size).register(meters);
    }

    /** Accepts a job; throws 400/404/429-mapped exceptions for bad or excess requests. */
    public Job submit(GenerationSubmission submission, UserAccount user) {
        try {
            return accept(submission, user);
        } catch (RuntimeException e) {
            rejected.increment();
            throw e;
        }
    }

    private Job accept(GenerationSubmission s, UserAccount user) {
        ModelCatalog.Entry model = catalog.resolve(s.model());
        Sampler sampler = Sampler.fromName(s.sampler() == null ? "Euler a" : s.sampler());
        if (s.priority() > 0 && !user.isAdmin()) {
            throw new FieldException("priority", "priority above 0 is for admins; got " + s.priority());
        }
        InitImage initImage = s.initImage();
        if (initImage != null) {
            images.header(initImage.field(), initImage.bytes(), INIT_IMAGE_LIMIT);
        }
        Optional<RgbImage> init = Optional.ofNullable(initImage).map(image -> NOT_YET_DECODED);
        long seed = s.seed() == GenerationRequest.RANDOM_SEED ? Generator.randomSeed() : s.seed();
        int width = s.width() == 0 ? model.nativeSize() : s.width();
        int height = s.height() == 0 ? model.nativeSize() : s.height();
        GenerationRequest engineRequest = new GenerationRequest(
                s.prompt(),
                s.negativePrompt(),
                width,
                height,
                s.steps(),
                s.cfgScale(),
                sampler,
                seed,
                s.count(),
                init,
                s.strength());
        RequestLimits.checkRanges(engineRequest, model.vaeFactor());
        if (audit.check(engineRequest.prompt(), engineRequest.negativePrompt()) instanceof AuditResult.Rejected r) {
            audit.recordRejection(user.id(), engineRequest.prompt(), engineRequest.negativePrompt(), r.reason());
            throw new FieldException(r.field() == AuditResult.Field.PROMPT ? "prompt" : "negativePrompt", r.reason());
        }
        String initHash = initImage == null ? null : BlobStore.sha256(initImage.bytes());
        JobRequest request = new JobRequest(
                model.name(),
                engineRequest.prompt(),
                engineRequest.negativePrompt(),
                width,
                height,
                s.steps(),
                s.cfgScale(),
                sampler.displayName(),
                s.seed(),
                s.count(),
                initHash,
                init.isPresent() ? s.strength() : 0,
                s.priority());
        String key = s.seed() == GenerationRequest.RANDOM_SEED ? null : RequestKeys.of(model, request);
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();

        Optional<Job> cached = key == null ? Optional.empty() : jobs.findDoneByKey(key);
        if (cached.isPresent()) {
            cacheHits.increment();
            Job done = new Job(
                    id,
                    user.id(),
                    JobState.DONE,
                    request,
                    key,
                    seed,
                    now,
                    now,
                    now,
                    null,
                    "",
                    cached.get().images());
            transitions.answered(done);
            return done;
        }
        // A cheap early answer, so that a refused request costs no decoding; the limits are enforced atomically when
        // the job is admitted below.
        if (jobs.countInFlight(user.id()) >= properties.maxJobsPerUser()) {
            throw perUserLimit();
        }
        if (queue.size() >= properties.queueCapacity()) {
            throw queueFull();
        }
        if (initImage != null) {
            // Decoded and stored only now that the job is admitted: a refused request costs neither.
            images.decode(initImage.field(), initImage.bytes(), INIT_IMAGE_LIMIT);
            blobs.put(initImage.bytes());
        }
        Job job = new Job(id, user.id(), JobState.QUEUED, request, key, seed, now, null, null, null, null, List.of());
        return switch (transitions.admit(job)) {
            case ADMITTED -> job;
            case USER_LIMIT -> throw perUserLimit();
            case QUEUE_FULL -> throw queueFull();
        };
    }

    private TooManyRequestsException perUserLimit() {
        return new TooManyRequestsException(
                "you already have " + properties.maxJobsPerUser() + " jobs queued or running; wait for some to finish",
                RETRY_AFTER);
    }

    private static TooManyRequestsException queueFull() {
        return new TooManyRequestsException("the queue is full; try again shortly", RETRY_AFTER);
    }

    /** A job its owner (or an admin) may see; others get 404, so ids reveal nothing. */
    public Job get(String id, UserAccount viewer) {
        return jobs.find(id)
                .filter(job -> viewer.mayManage(job.ownerId()))
                .orElseThrow(() -> new NotFoundException("no job " + id));
    }

    public List<Job> list(UserAccount owner, int limit) {
        if (limit < 1 || limit > 500) {
            throw new FieldException("limit", "limit must be between 1 and 500, got " + limit);
        }
        return jobs.listByOwner(owner.id(), limit);
    }

    /** Cancels a queued or running job; a running job's samples leave the batch at the next step. */
    public Job cancel(String id, UserAccount user) {
        Job job = get(id, user);
        if (job.state().finished()) {
            return job;
        }
        if (!transitions.cancel(id, JobState.QUEUED, null)
                && !schedulers.cancel(job.request().model(), id)) {
            // Claimed but not yet in its batch, or running on another node: it ends here (a node about to start or
            // finish it then finds it canceled, and its writes change nothing).
            transitions.cancel(id, JobState.RUNNING, null);
        }
        return jobs.find(id).orElseThrow();
    }

    /**
     * Completes when the job reaches DONE, FAILED or CANCELED; completes exceptionally with the engine's
     * {@link InvalidRequestException} when the job was rejected at admission because its request does not fit the
     * model (a client mistake that only the loaded model could reveal).
     */
    public CompletableFuture<Job> finished(String id) {
        CompletableFuture<Job> future = new CompletableFuture<>();
        AutoCloseable subscription = events.subscribe(id, event -> {
            if (event.rejected()) {
                future.completeExceptionally(new InvalidRequestException(event.error()));
            } else if (event.terminal()) {
                jobs.find(id).ifPresent(future::complete);
            }
        });
        // The job may have finished before the subscription: look once more.
        Optional<String> rejection = events.rejection(id);
        if (rejection.isPresent()) {
            future.completeExceptionally(new InvalidRequestException(rejection.get()));
        }
        jobs.find(id).filter(j -> j.state().finished()).ifPresent(future::complete);
        return future.whenComplete((job, error) -> close(subscription));
    }

    /** Where a waiting job stands, or -1 when it is not waiting. */
    public int queuePosition(String id) {
        return queue.position(id);
    }

    /** Subscribes to a job's events; close the handle to stop. */
    public AutoCloseable subscribe(String id, Consumer<JobEvent> listener) {
        return events.subscribe(id, listener);
    }

    public Optional<JobEvent> latestEvent(String id) {
        return events.latest(id);
    }

    /** The stored image with this hash, unchecked: for a caller's own job's images (see {@link ImageFiles}). */
    public Optional<byte[]> image(String sha256) {
        return blobs.get(sha256);
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
