package dev.easel.server.generation;

import dev.easel.engine.image.GenerationInfo;
import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.pipeline.DecodedImage;
import dev.easel.engine.pipeline.Generator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * What the batch loops tell about their jobs, turned into {@link JobTransitions}, progress events and metrics. PNG
 * encoding and storage of finished images run off the batch thread, so the next step does not wait for them.
 */
@Component
class JobLifecycle implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(JobLifecycle.class);

    private final JobTransitions transitions;
    private final JobEvents events;
    private final BlobStore blobs;
    private final GenerationProperties.NsfwPolicy nsfwPolicy;
    private final Counter images;
    private final Timer queueWait;
    private final ExecutorService storing = Executors.newVirtualThreadPerTaskExecutor();

    JobLifecycle(
            JobTransitions transitions,
            JobEvents events,
            BlobStore blobs,
            GenerationProperties properties,
            MeterRegistry meters) {
        this.transitions = transitions;
        this.events = events;
        this.blobs = blobs;
        this.nsfwPolicy = properties.nsfwPolicy();
        this.images = meters.counter("easel.images.generated");
        this.queueWait =
                Timer.builder("easel.queue.wait").publishPercentileHistogram().register(meters);
    }

    /** Claims up to {@code room} images' worth of the model's waiting jobs for this node: they are RUNNING. */
    List<Job> claim(String model, int room) {
        List<Job> claimed = transitions.claim(model, room);
        for (Job job : claimed) {
            queueWait.record(Duration.between(job.createdAt(), job.startedAt()));
            events.publish(JobEvent.progress(job.id(), 0, job.request().steps(), null));
        }
        return claimed;
    }

    void progress(RunningJob job, int step, int total, String preview) {
        events.publish(JobEvent.progress(job.id(), step, total, preview));
    }

    void fail(Job job, String reason) {
        transitions.fail(job.id(), JobState.RUNNING, job.claimToken(), reason);
    }

    /** Fails a job whose request does not fit the loaded model; synchronous callers answer it as a client error. */
    void reject(Job job, String reason) {
        transitions.reject(job.id(), job.claimToken(), reason);
    }

    void canceled(Job job) {
        transitions.cancel(job.id(), JobState.RUNNING, job.claimToken());
    }

    /** Stores a finished job's images and marks it done (asynchronously). */
    void complete(RunningJob job, DiffusionModel model) {
        storing.submit(() -> {
            try {
                List<JobImage> stored = store(job, model);
                if (transitions.finish(
                        job.id(), JobState.RUNNING, job.job.claimToken(), stored, job.batchSizesText())) {
                    images.increment(stored.size());
                }
            } catch (RuntimeException e) {
                log.error("storing the results of job {} failed", job.id(), e);
                fail(job.job, "storing results failed: " + e.getMessage());
            }
        });
    }

    private List<JobImage> store(RunningJob job, DiffusionModel model) {
        List<JobImage> stored = new ArrayList<>();
        for (int i = 0; i < job.results.length; i++) {
            long seed = job.request.seed() + i;
            GenerationInfo info = Generator.info(model, job.request, seed, job.truncated);
            DecodedImage decoded = job.results[i];
            // At strength 0 nothing is repainted: keep the init image rather than its VAE round trip.
            RgbImage image = job.totalSteps() == 0 && job.request.initImage().isPresent()
                    ? job.request.initImage().get().resize(job.request.width(), job.request.height())
                    : decoded.image();
            if (decoded.nsfw() && nsfwPolicy == GenerationProperties.NsfwPolicy.REDACT) {
                image = new RgbImage(image.width(), image.height(), new byte[image.width() * image.height() * 3]);
            }
            String parameters = info.toParameters();
            String hash = blobs.put(PngImages.encode(image, parameters));
            stored.add(new JobImage(i, seed, hash, decoded.nsfw(), parameters));
        }
        return stored;
    }

    @Override
    public void destroy() {
        storing.close();
    }
}
