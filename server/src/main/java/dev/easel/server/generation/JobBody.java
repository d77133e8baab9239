package dev.easel.server.generation;

/**
 * The JSON body of {@code POST /api/v1/jobs}. Omitted fields take A1111's defaults; an omitted size is the
 * model's native size.
 *
 * @param initImage base64 PNG or JPEG (optionally a data URL) for image-to-image
 */
record JobBody(
        String model,
        String prompt,
        String negativePrompt,
        Integer width,
        Integer height,
        Integer steps,
        Double cfgScale,
        String sampler,
        Long seed,
        Integer n,
        String initImage,
        Double strength,
        Integer priority) {

    GenerationSubmission toSubmission() {
        return new GenerationSubmission(
                model,
                prompt == null ? "" : prompt,
                negativePrompt == null ? "" : negativePrompt,
                width == null ? 0 : width,
                height == null ? 0 : height,
                steps == null ? 20 : steps,
                cfgScale == null ? 7.0 : cfgScale,
                sampler == null ? "Euler a" : sampler,
                seed == null ? -1 : seed,
                n == null ? 1 : n,
                initImage == null ? null : new InitImage("initImage", Base64Images.decode("initImage", initImage)),
                strength == null ? 0.75 : strength,
                priority == null ? 0 : priority);
    }
}
