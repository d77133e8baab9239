package dev.easel.server.compat;

import dev.easel.engine.InvalidRequestException;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.generation.GenerationService;
import dev.easel.server.generation.GenerationSubmission;
import dev.easel.server.generation.Job;
import dev.easel.server.generation.JobEvent;
import dev.easel.server.generation.JobImage;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.springframework.stereotype.Component;

/**
 * What the compatibility APIs need from the generation path: run a job to its end (their calls are synchronous), find
 * the caller's unfinished jobs, and read result images.
 */
@Component
class CompatJobs {
    /** How far back to look for a caller's unfinished jobs; far beyond the per-user limit of jobs in flight. */
    private static final int RECENT_JOBS = 500;

    private final GenerationService generation;
    /** The latest preview of each job a synchronous call is waiting for: progress events carry one only now and then. */
    private final Map<String, String> previews = new ConcurrentHashMap<>();

    CompatJobs(GenerationService generation) {
        this.generation = generation;
    }

    /** Submits and waits until the job is DONE, FAILED or CANCELED. */
    Job run(GenerationSubmission submission, UserAccount user) {
        Job job = generation.submit(submission, user);
        String id = job.id();
        AutoCloseable subscription = generation.subscribe(id, event -> {
            if (event.preview() != null) {
                previews.put(id, event.preview());
            }
        });
        try {
            return generation.finished(id).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for job " + id, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidRequestException rejected) {
                // The loaded model refused the request (e.g. a size it cannot make): the caller's mistake, a 4xx.
                throw rejected;
            }
            throw new IllegalStateException("waiting for job " + id + " failed", e.getCause());
        } finally {
            previews.remove(id);
            closeQuietly(subscription);
        }
    }

    /** The caller's own queued and running jobs, newest first. */
    List<Job> unfinished(UserAccount user) {
        return generation.list(user, RECENT_JOBS).stream()
                .filter(job -> !job.state().finished())
                .toList();
    }

    Job cancel(Job job, UserAccount user) {
        return generation.cancel(job.id(), user);
    }

    int queuePosition(Job job) {
        return generation.queuePosition(job.id());
    }

    /** The newest progress event of a running job: steps done and in all. */
    Optional<JobEvent> latestEvent(Job job) {
        return generation.latestEvent(job.id());
    }

    /** The latest preview (a PNG data URL) of a job, from its events. */
    Optional<String> preview(Job job) {
        return Optional.ofNullable(previews.get(job.id()))
                .or(() -> generation.latestEvent(job.id()).map(JobEvent::preview));
    }

    byte[] png(JobImage image) {
        return generation
                .image(image.sha256())
                .orElseThrow(() -> new IllegalStateException("image " + image.sha256() + " is missing from the store"));
    }

    String base64Png(JobImage image) {
        return Base64.getEncoder().encodeToString(png(image));
    }

    private static void closeQuietly(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            // Unsubscribing from in-process events cannot meaningfully fail.
        }
    }
}
