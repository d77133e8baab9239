package dev.easel.server.generation;

import java.time.Instant;
import java.util.List;

/**
 * A persisted generation job.
 *
 * @param seed the seed of the first image (drawn at submission when the request asked for a random one)
 * @param requestKey exact-result cache key; null when the request asked for a random seed
 * @param batchSizes distinct numbers of samples per UNet call the job's samples ran in, in order seen
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
        List<JobImage> images) {}
