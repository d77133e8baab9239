package dev.easel.server.generation;

import java.time.Instant;

/**
 * A generated image the model's safety checker flagged, for the moderator queue.
 *
 * @param ownerId who generated it
 * @param prompt the job's prompt
 * @param finishedAt when its job finished
 */
public record FlaggedImage(String jobId, int index, long ownerId, String sha256, String prompt, Instant finishedAt) {}
