package dev.easel.server.generation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Coalesces identical requests in flight: the first becomes the leader and is computed; the others follow it and
 * receive copies of its images when it is done (or are queued themselves if it fails or is canceled).
 */
@Component
class InFlightResults {
    private final JobRepository jobs;
    private final JobEvents events;
    private final JobQueue queue;
    private final Map<String, String> leaderByKey = new HashMap<>();
    private final Map<String, String> keyByLeader = new HashMap<>();
    private final Map<String, List<Job>> followers = new HashMap<>();

    InFlightResults(JobRepository jobs, JobEvents events, JobQueue queue) {
        this.jobs = jobs;
        this.events = events;
        this.queue = queue;
    }

    /** Registers the job as leader for its key, or returns the leader it should follow. */
    synchronized Optional<String> leadOrFollow(Job job) {
        if (job.requestKey() == null) {
            return Optional.empty();
        }
        String leader = leaderByKey.get(job.requestKey());
        if (leader == null) {
            leaderByKey.put(job.requestKey(), job.id());
            keyByLeader.put(job.id(), job.requestKey());
            return Optional.empty();
        }
        followers.computeIfAbsent(leader, l -> new ArrayList<>()).add(job);
        return Optional.of(leader);
    }

    /** A leader finished: followers get its images, or, when it produced none, run themselves. */
    void leaderEnded(String leaderId, List<JobImage> images) {
        List<Job> waiting;
        synchronized (this) {
            String key = keyByLeader.remove(leaderId);
            if (key == null) {
                return;
            }
            leaderByKey.remove(key);
            waiting = followers.getOrDefault(leaderId, List.of());
            followers.remove(leaderId);
        }
        for (Job follower : waiting) {
            if (images != null) {
                if (jobs.complete(follower.id(), images, "", Instant.now())) {
                    events.publish(JobEvent.finished(follower.id(), JobState.DONE, null));
                }
            } else if (leadOrFollow(follower).isEmpty() && !queue.offer(QueuedJob.of(follower))) {
                jobs.finishWithout(follower.id(), JobState.FAILED, "queue full", Instant.now());
                events.publish(JobEvent.finished(follower.id(), JobState.FAILED, "queue full"));
            }
        }
    }
}
