package dev.easel.server.generation;

import java.time.Instant;

/** What the queue knows of a job: enough to order it fairly. */
public record QueuedJob(String id, long ownerId, String model, int priority, int images, Instant enqueuedAt) {

    static QueuedJob of(Job job) {
        return new QueuedJob(
                job.id(),
                job.ownerId(),
                job.request().model(),
                job.request().priority(),
                job.request().count(),
                Instant.now());
    }
}
