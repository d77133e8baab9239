package dev.easel.server.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Jobs waiting for a model's batch scheduler. Bounded; higher priority first; within a priority, users take turns
 * (round-robin), each user's jobs in submission order.
 */
public interface JobQueue {

    /** Adds a job; false when the queue is full. */
    boolean offer(QueuedJob job);

    /** Adds a job accepted before a restart, even past the capacity meant for new submissions. */
    void restore(QueuedJob job);

    /** The next job for the model, or null when none waits. */
    QueuedJob poll(String model);

    /** Like {@link #poll} but waits up to the timeout for one to arrive. */
    QueuedJob take(String model, Duration timeout) throws InterruptedException;

    /** Removes a waiting job (cancel); false when it was not waiting. */
    boolean remove(String jobId);

    /** How many jobs would run before this one, or -1 when it is not waiting. */
    int position(String jobId);

    /** Removes and returns jobs that have waited since before the given instant. */
    List<QueuedJob> expire(Instant enqueuedBefore);

    /** Whether a job for the model waits. */
    boolean waiting(String model);

    int size();

    /**
     * Calls the listener with a job's model whenever a job is added (after the queue has it, outside its locks): the
     * wake-up that starts the model's batch loop.
     */
    void whenJobArrives(Consumer<String> listener);
}
