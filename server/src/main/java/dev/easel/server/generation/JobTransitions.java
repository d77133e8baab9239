package dev.easel.server.generation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one place where a job changes state: submit, start, finish, fail, cancel, expire and recover all come here.
 * Each change is allowed by {@link JobState#canMoveTo}, names the state it expects the job to be in, and is written
 * conditionally on it; only a change that happened has effects (events, followers served or queued). One that lost a
 * race (a cancel against a finish, a second start of a job queued twice) returns false and does nothing.
 */
@Component
class JobTransitions {
    private final JobRepository jobs;
    private final JobEvents events;
    private final InFlightResults inFlight;
    private final JobQueue queue;

    JobTransitions(JobRepository jobs, JobEvents events, InFlightResults inFlight, JobQueue queue) {
        this.jobs = jobs;
        this.events = events;
        this.inFlight = inFlight;
        this.queue = queue;
    }

    /** Persists a new job: QUEUED, or DONE when the exact-result cache answered it. */
    void submitted(Job job) {
        if (job.state() != JobState.QUEUED && job.state() != JobState.DONE) {
            throw new IllegalStateException("a new job is QUEUED or DONE, not " + job.state());
        }
        jobs.insert(job);
    }

    /**
     * Sends a submitted job on: it follows an identical job in flight, or joins the queue. False when the queue is
     * full: the job is then FAILED, and it leads nothing (followers that joined it meanwhile go on by themselves).
     */
    boolean dispatch(Job job) {
        if (inFlight.leadOrFollow(job).isPresent()) {
            return true;
        }
        if (queue.offer(QueuedJob.of(job))) {
            events.publish(JobEvent.queued(job.id(), Math.max(0, queue.position(job.id()))));
            return true;
        }
        fail(job.id(), JobState.QUEUED, "queue full");
        return false;
    }

    /** QUEUED to RUNNING; empty when the job was not queued any more (canceled, or started by another). */
    Optional<Job> start(String id) {
        check(JobState.QUEUED, JobState.RUNNING);
        if (!jobs.markRunning(id, Instant.now())) {
            return Optional.empty();
        }
        return jobs.find(id);
    }

    boolean finish(String id, JobState from, List<JobImage> images, String batchSizes) {
        check(from, JobState.DONE);
        if (!jobs.complete(id, from, images, batchSizes, Instant.now())) {
            return false;
        }
        events.publish(JobEvent.finished(id, JobState.DONE, null));
        leaderEnded(id, images);
        return true;
    }

    boolean fail(String id, JobState from, String reason) {
        return end(id, from, JobState.FAILED, reason, JobEvent.finished(id, JobState.FAILED, reason));
    }

    /** Fails a job whose request does not fit the loaded model; synchronous callers answer it as a client error. */
    boolean reject(String id, String reason) {
        return end(id, JobState.RUNNING, JobState.FAILED, reason, JobEvent.rejected(id, reason));
    }

    boolean cancel(String id, JobState from) {
        return end(id, from, JobState.CANCELED, null, JobEvent.finished(id, JobState.CANCELED, null));
    }

    /** A job a previous run accepted and did not finish goes back in the queue (past its capacity: it was accepted). */
    void recover(Job job) {
        if (job.state() == JobState.RUNNING) {
            check(JobState.RUNNING, JobState.QUEUED);
            if (!jobs.requeue(job.id())) {
                return;
            }
        } else if (job.state() != JobState.QUEUED) {
            return;
        }
        queue.restore(QueuedJob.of(job));
    }

    private boolean end(String id, JobState from, JobState to, String error, JobEvent event) {
        check(from, to);
        if (!jobs.finishWithout(id, from, to, error, Instant.now())) {
            return false;
        }
        events.publish(event);
        leaderEnded(id, null);
        return true;
    }

    /** The followers of a job that ended get its images, or, when it has none, run by themselves. */
    private void leaderEnded(String id, List<JobImage> images) {
        for (Job follower : inFlight.ended(id)) {
            if (images != null) {
                finish(follower.id(), JobState.QUEUED, images, "");
            } else if (inFlight.leadOrFollow(follower).isEmpty()) {
                // Accepted already, so it goes in even when the queue is full: the 202 promised to run it.
                queue.restore(QueuedJob.of(follower));
            }
        }
    }

    private static void check(JobState from, JobState to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("a job cannot go from " + from + " to " + to);
        }
    }
}
