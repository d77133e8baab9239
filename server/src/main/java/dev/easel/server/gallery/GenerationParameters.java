package dev.easel.server.gallery;

/**
 * How an image was made, from its generation job or its PNG's A1111 "parameters" text; any field may be null when the
 * source did not say (an upload without metadata has none).
 *
 * <p>Parsed metadata is informational, so values too long to store never refuse an upload: names longer than their
 * columns ({@code post_images.sampler}, {@code .model}) are dropped, since a cut name would name something else, and
 * texts are cut to {@link #MAX_TEXT_CHARS}.
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
    /** Prompts and infotext kept per image; well past the engine's 4000-character prompts. */
    static final int MAX_TEXT_CHARS = 10_000;
    /** The length of {@code post_images.sampler}. */
    static final int MAX_SAMPLER_CHARS = 100;
    /** The length of {@code post_images.model} and {@code post_models.model}. */
    static final int MAX_MODEL_CHARS = 200;

    public GenerationParameters {
        prompt = cut(prompt);
        negativePrompt = cut(negativePrompt);
        infotext = cut(infotext);
        sampler = fits(sampler, MAX_SAMPLER_CHARS) ? sampler : null;
        model = fits(model, MAX_MODEL_CHARS) ? model : null;
    }

    private static String cut(String text) {
        if (fits(text, MAX_TEXT_CHARS)) {
            return text;
        }
        int end = text.offsetByCodePoints(0, MAX_TEXT_CHARS);
        return text.substring(0, end);
    }

    /** Counted in code points, as the database counts characters. */
    private static boolean fits(String text, int maxChars) {
        return text == null || text.codePointCount(0, text.length()) <= maxChars;
    }
}
