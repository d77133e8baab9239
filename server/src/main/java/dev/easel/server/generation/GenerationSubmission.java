package dev.easel.server.generation;

/**
 * A request to generate, as the APIs hand it to {@link GenerationService#submit}.
 *
 * @param model model name, or null for the default model
 * @param width pixels, or 0 for the model's native size
 * @param sampler sampler name (A1111 display names and aliases)
 * @param seed -1 for random
 * @param initImage for image-to-image, or null
 * @param priority higher runs first; only admins may go above 0
 */
public record GenerationSubmission(
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
        InitImage initImage,
        double strength,
        int priority) {}
