package dev.easel.server.generation;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The queue as this node sees it. Its source of truth is the jobs table (see {@link JobRepository#claim}): waiting jobs
 * are claimed from it in service order (higher priority first; within a priority, users take turns; each user's jobs
 * in submission order). What the queue adds is the wake-up: {@link #arrived} tells this node's batch loops that a job
 * became claimable, so that on one node a job is picked up at once, without polling. The seam for a cross-node wake-up
 * (Redis pub/sub, PostgreSQL LISTEN/NOTIFY): call {@link #arrived} when another node's message comes in.
 */
public interface JobQueue {

    /** A job for the model became claimable (admitted, requeued, released by its leader). */
    void arrived(String model);

    /**
     * Calls the listener with a job's model whenever one arrives: the wake-up that starts the model's batch loop on
     * this node.
     */
    void whenJobArrives(Consumer<String> listener);

    /** A counter of arrivals so far: a loop that found nothing to claim waits for it to change. */
    long arrivals();

    /** Waits until {@link #arrivals()} differs from {@code seen}, or the timeout passes. */
    void awaitArrival(long seen, Duration timeout) throws InterruptedException;

    /** How many waiting jobs would be claimed before this one, or -1 when it does not wait to be claimed. */
    int position(String jobId);

    /** Whether a job for the model waits to be claimed. */
    boolean waiting(String model);

    /** Models with jobs waiting to be claimed. */
    List<String> waitingModels();

    /** Jobs waiting to be claimed, across models. */
    int size();
}
