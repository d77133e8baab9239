package dev.easel.server.generation;

/**
 * A generation request as it is persisted with its job (init image by content hash).
 *
 * @param model model name
 * @param seed -1 for random (the job records the seed it drew)
 * @param initImage SHA-256 of the init image in the blob store, or null for text-to-image
 * @param priority higher runs first; equal priorities are served round-robin across users
 */
public record JobRequest(
        String model,
        String prompt,
        String negativePrompt,
        int width,
        int height,
        int steps,
        double cfgScale,
        String sampler,
        long seed,
        int count,
        String initImage,
        double strength,
        int priority) {}
