package dev.easel.server.gallery;

/**
 * How an image was made, from its generation job or its PNG's A1111 "parameters" text; any field may be null when the
 * source did not say (an upload without metadata has none).
 *
 * @param infotext the A1111 parameters text as stored in the image
 */
public record GenerationParameters(
        String prompt,
        String negativePrompt,
        Long seed,
        Integer steps,
        Double cfgScale,
        String sampler,
        String model,
        String infotext) {
    static final GenerationParameters NONE = new GenerationParameters(null, null, null, null, null, null, null, null);
}
