package dev.easel.server.generation;

import java.time.Instant;
import java.util.List;

/**
 * A persisted generation job.
 *
 * @param seed the seed of the first image (drawn at submission when the request asked for a random one)
 * @param requestKey exact-result cache key; null when the request asked for a random seed
 * @param batchSizes distinct numbers of samples per UNet call the job's samples ran in, in order seen
 * @param node the node that claimed it last (null until claimed, and again when it goes back to the queue)
 * @param attempts how many times it was claimed
 * @param claimToken the fencing token of its current claim (null when not claimed); every write a node makes about
 *     the job names it, so a node that lost the claim changes nothing
 */
public record Job(
        String id,
        long ownerId,
        JobState state,
        JobRequest request,
        String requestKey,
        long seed,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String error,
        String batchSizes,
        List<JobImage> images,
        String node,
        int attempts,
        Long claimToken) {

    /** A job not claimed yet. */
    public Job(
            String id,
            long ownerId,
            JobState state,
            JobRequest request,
            String requestKey,
            long seed,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            String error,
            String batchSizes,
            List<JobImage> images) {
        this(
                id,
                ownerId,
                state,
                request,
                requestKey,
                seed,
                createdAt,
                startedAt,
                finishedAt,
                error,
                batchSizes,
                images,
                null,
                0,
                null);
    }

    Job withImages(List<JobImage> images) {
        return new Job(
                id,
                ownerId,
                state,
                request,
                requestKey,
                seed,
                createdAt,
                startedAt,
                finishedAt,
                error,
                batchSizes,
                images,
                node,
                attempts,
                claimToken);
    }
}
