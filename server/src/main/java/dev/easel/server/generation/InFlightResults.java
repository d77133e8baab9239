package dev.easel.server.generation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Coalesces identical requests in flight: the first becomes the leader and is computed; the others follow it. Only
 * bookkeeping: {@link JobTransitions} hands the leader's images to the followers, or queues them when it has none.
 */
@Component
class InFlightResults {
    private final Map<String, String> leaderByKey = new HashMap<>();
    private final Map<String, String> keyByLeader = new HashMap<>();
    private final Map<String, List<Job>> followers = new HashMap<>();

    /** Registers the job as leader for its key, or returns the leader it follows. */
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

    /**
     * The job ended (or never made it into the queue): it follows nothing and leads nothing any more. Returns its
     * followers, now on their own.
     */
    synchronized List<Job> ended(String jobId) {
        followers.values().forEach(list -> list.removeIf(job -> job.id().equals(jobId)));
        String key = keyByLeader.remove(jobId);
        if (key == null) {
            return List.of();
        }
        leaderByKey.remove(key);
        List<Job> waiting = followers.remove(jobId);
        return waiting == null ? List.of() : waiting;
    }
}
