package dev.easel.server.generation;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place where a job changes state: admit, claim, finish, fail, cancel, expire, lease expiry and recovery all
 * come here. Each change is allowed by {@link JobState#canMoveTo}, names the state it expects the job to be in and,
 * for a job this node claimed, the claim's fencing token, and is written conditionally on both; only a change that
 * happened has effects (events, followers served or released). One that lost a race (a cancel against a finish, a node
 * whose lease ran out and whose job another claim took over) returns false and does nothing.
 */
@Component
class JobTransitions {
    private static final Logger log = LoggerFactory.getLogger(JobTransitions.class);

    private final JobRepository jobs;
    private final JobEvents events;
    private final InFlightResults inFlight;
    private final JobQueue queue;
    private final GenerationProperties properties;
    private final ClaimProperties claims;
    private final String node;
    /** The jobs this node holds under a claim, with the claim's token: the leases it renews. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();

    JobTransitions(
            JobRepository jobs,
            JobEvents events,
            InFlightResults inFlight,
            JobQueue queue,
            GenerationProperties properties,
            ClaimProperties claims,
            NodeIdentity node) {
        this.jobs = jobs;
        this.events = events;
        this.inFlight = inFlight;
        this.queue = queue;
        this.properties = properties;
        this.claims = claims;
        this.node = node.id();
    }

    String node() {
        return node;
    }

    /** Persists a job answered from the exact-result cache: DONE from the start, never queued. */
    void answered(Job job) {
        if (job.state() != JobState.DONE) {
            throw new IllegalStateException("a cached answer is DONE, not " + job.state());
        }
        jobs.insert(job);
    }

    /**
     * Admits a new QUEUED job in one atomic step (see {@link JobRepository#admit}): it follows an identical job in
     * flight or waits to be claimed. A refused job is not persisted and leads nothing (followers that joined it
     * meanwhile go on by themselves).
     */
    JobRepository.Admission admit(Job job) {
        if (job.state() != JobState.QUEUED) {
            throw new IllegalStateException("a new job is QUEUED, not " + job.state());
        }
        Optional<String> leader = inFlight.leadOrFollow(job);
        JobRepository.Admission admission =
                jobs.admit(job, leader.orElse(null), properties.maxJobsPerUser(), properties.queueCapacity());
        if (admission != JobRepository.Admission.ADMITTED) {
            release(inFlight.ended(job.id()));
            return admission;
        }
        if (leader.isEmpty()) {
            queue.arrived(job.request().model());
            events.publish(JobEvent.queued(job.id(), Math.max(0, queue.position(job.id()))));
        }
        return admission;
    }

    /**
     * QUEUED to RUNNING for up to {@code room} images' worth of the model's waiting jobs, claimed by this node with a
     * new fencing token and a lease that {@link #renewLeases} extends while it holds them.
     */
    List<Job> claim(String model, int room) {
        check(JobState.QUEUED, JobState.RUNNING);
        long token = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        Instant now = Instant.now();
        List<Job> claimed = jobs.claim(model, node, room, token, now, now.plus(claims.lease()));
        claimed.forEach(job -> held.put(job.id(), token));
        return claimed;
    }

    /** Extends the leases of every job this node holds, in one statement. */
    int renewLeases() {
        return jobs.renew(node, new HashSet<>(held.values()), Instant.now().plus(claims.lease()));
    }

    /** Jobs this node holds under a claim. */
    int held() {
        return held.size();
    }

    /** Finishes a job: a claimed one (from RUNNING, under its token) or a follower (from QUEUED, no token). */
    boolean finish(String id, JobState from, Long token, List<JobImage> images, String batchSizes) {
        check(from, JobState.DONE);
        requireToken(from, token);
        if (!jobs.complete(id, from, token, images, batchSizes, Instant.now())) {
            dropIfLost(id, token);
            return false;
        }
        held.remove(id);
        events.publish(JobEvent.finished(id, JobState.DONE, null));
        leaderEnded(id, images);
        return true;
    }

    boolean fail(String id, JobState from, Long token, String reason) {
        requireToken(from, token);
        return end(id, from, token, null, JobState.FAILED, reason, JobEvent.finished(id, JobState.FAILED, reason));
    }

    /** Fails a job whose request does not fit the loaded model; synchronous callers answer it as a client error. */
    boolean reject(String id, Long token, String reason) {
        requireToken(JobState.RUNNING, token);
        return end(id, JobState.RUNNING, token, null, JobState.FAILED, reason, JobEvent.rejected(id, reason));
    }

    /** Cancels a job: by its owner (no token: wherever it runs) or by the loop that dropped it (its claim's token). */
    boolean cancel(String id, JobState from, Long token) {
        return end(id, from, token, null, JobState.CANCELED, null, JobEvent.finished(id, JobState.CANCELED, null));
    }

    /**
     * A claimed job that its node no longer holds (its lease ran out, or the node restarted) goes back to the queue,
     * or fails once it has had {@code easel.generation.max-attempts} claims: no job loops forever. Conditional on the
     * claim's token and, for an expired lease, on the lease being still expired: a renewal meanwhile wins.
     */
    boolean reclaim(Job job, Instant expiredBy, String why) {
        Instant now = Instant.now();
        if (job.attempts() >= claims.maxAttempts()) {
            String reason = why + " after " + job.attempts() + " attempts; not retried";
            return end(
                    job.id(),
                    JobState.RUNNING,
                    job.claimToken(),
                    expiredBy,
                    JobState.FAILED,
                    reason,
                    JobEvent.finished(job.id(), JobState.FAILED, reason));
        }
        check(JobState.RUNNING, JobState.QUEUED);
        if (!jobs.requeue(job.id(), job.claimToken(), expiredBy, now)) {
            return false;
        }
        held.remove(job.id());
        queue.arrived(job.request().model());
        return true;
    }

    /** Running jobs whose lease ran out before {@code now} go back to the queue (or fail after too many attempts). */
    int expireLeases(Instant now) {
        int reclaimed = 0;
        for (Job job : jobs.expiredLeases(now)) {
            String why = "lease of node " + job.node() + " expired";
            if (reclaim(job, now, why)) {
                log.warn("{} for job {} (attempt {})", why, job.id(), job.attempts());
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /**
     * At startup: the jobs this node (by its id) was running when it stopped go back to the queue at once; other
     * nodes' jobs are left to their leases. Followers forgot whom they follow, and wait to be claimed themselves.
     */
    int recoverOwn() {
        int recovered = 0;
        for (Job job : jobs.runningOn(node)) {
            if (reclaim(job, null, "node " + node + " stopped while running it")) {
                recovered++;
            }
        }
        jobs.releaseFollowers(true, Instant.now());
        queue.waitingModels().forEach(queue::arrived);
        return recovered;
    }

    /** Followers whose leader is no longer in flight (ended elsewhere, or its node died) wait to be claimed. */
    void releaseOrphanedFollowers() {
        if (jobs.releaseFollowers(false, Instant.now()) > 0) {
            queue.waitingModels().forEach(queue::arrived);
        }
    }

    private boolean end(
            String id, JobState from, Long token, Instant expiredBy, JobState to, String error, JobEvent event) {
        check(from, to);
        if (!jobs.finishWithout(id, from, token, expiredBy, to, error, Instant.now())) {
            dropIfLost(id, token);
            return false;
        }
        held.remove(id);
        events.publish(event);
        leaderEnded(id, null);
        return true;
    }

    /** A write under a claim changed nothing: if the claim is no longer the job's, this node does not hold it. */
    private void dropIfLost(String id, Long token) {
        if (token != null) {
            held.remove(id, token);
        }
    }

    /** The followers of a job that ended get its images, or, when it has none, wait to be claimed themselves. */
    private void leaderEnded(String id, List<JobImage> images) {
        List<Job> followers = inFlight.ended(id);
        if (images != null) {
            for (Job follower : followers) {
                finish(follower.id(), JobState.QUEUED, null, images, "");
            }
        } else {
            release(followers);
        }
    }

    /** Followers whose leader will not give them images: follow another leader, or wait to be claimed. */
    private void release(List<Job> followers) {
        for (Job follower : followers) {
            Optional<String> leader = inFlight.leadOrFollow(follower);
            // Accepted already, so it goes in even when the queue is full: the 202 promised to run it.
            if (!jobs.follow(follower.id(), leader.orElse(null), Instant.now())) {
                // It ended meanwhile (canceled): it must not stay registered as a leader.
                release(inFlight.ended(follower.id()));
            } else if (leader.isEmpty()) {
                queue.arrived(follower.request().model());
            }
        }
    }

    private static void requireToken(JobState from, Long token) {
        if (from == JobState.RUNNING && token == null) {
            throw new IllegalStateException("a node's write about a running job names its claim token");
        }
    }

    private static void check(JobState from, JobState to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("a job cannot go from " + from + " to " + to);
        }
    }
}
