package dev.easel.engine.image;

import dev.easel.engine.InvalidRequestException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The settings that produced an image, as A1111 writes them into a PNG's "parameters" text chunk (its "infotext"),
 * so images made here can be read back by A1111, Civitai and friends, and theirs by us.
 *
 * @param negativePrompt empty when there is none (then the infotext has no "Negative prompt:" line)
 * @param modelHash as given, usually the first 10 hex digits of the model file's SHA-256; null when unknown
 * @param modelName null when unknown
 * @param denoisingStrength present for img2img only
 * @param extra further settings in output order, e.g. "Clip skip" or "Easel version"; keys must not repeat the
 *     fixed settings above
 */
public record GenerationInfo(
        String prompt,
        String negativePrompt,
        int steps,
        String sampler,
        double cfgScale,
        long seed,
        int width,
        int height,
        String modelHash,
        String modelName,
        OptionalDouble denoisingStrength,
        Map<String, String> extra) {

    public GenerationInfo {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(negativePrompt, "negativePrompt");
        Objects.requireNonNull(denoisingStrength, "denoisingStrength");
        Objects.requireNonNull(extra, "extra");
        if (steps < 1) {
            throw new InvalidRequestException("steps must be at least 1, got " + steps);
        }
        if (sampler == null || sampler.isBlank() || sampler.contains("\n")) {
            throw new InvalidRequestException("sampler must be a one-line name such as 'Euler a', got " + sampler);
        }
        if (!Double.isFinite(cfgScale)) {
            throw new InvalidRequestException("cfg scale must be a finite number, got " + cfgScale);
        }
        if (width < 1 || height < 1) {
            throw new InvalidRequestException("size must be at least 1x1, got " + width + "x" + height);
        }
        if (denoisingStrength.isPresent()
                && !(denoisingStrength.getAsDouble() >= 0 && denoisingStrength.getAsDouble() <= 1)) {
            throw new InvalidRequestException(
                    "denoising strength must be between 0 and 1, got " + denoisingStrength.getAsDouble());
        }
        extra.forEach(Infotext::checkExtraSetting);
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /**
     * The A1111 infotext: the prompt (possibly several lines), then {@code Negative prompt: ...} if there is one,
     * then one line of {@code Key: value} settings, e.g. {@code Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1,
     * Size: 512x512, Model hash: 6ce0161689, Model: v1-5}, followed by the extras.
     */
    public String toParameters() {
        return Infotext.format(this);
    }

    /**
     * Reads an infotext written by {@link #toParameters()} or by A1111. Unknown settings go to {@link #extra()}. A
     * missing or malformed Steps, Sampler, CFG scale, Seed or Size fails with an {@link InvalidRequestException}
     * naming it. A prompt line starting with "Negative prompt:" is read as the start of the negative prompt, as in
     * A1111.
     */
    public static GenerationInfo parse(String parameters) {
        return Infotext.parse(parameters);
    }
}
