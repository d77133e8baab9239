package dev.easel.engine.pipeline;

import dev.easel.engine.InvalidRequestException;
import dev.easel.engine.model.DiffusionModel;

/** The ranges a request must stay within for a model; violations name the field and the allowed range. */
public final class RequestLimits {
    public static final int MAX_STEPS = 150;
    public static final int MAX_IMAGES = 16;
    public static final double MAX_CFG = 30;
    /** A1111's seeds are 32-bit; image i of a request uses seed + i, which must not wrap. */
    public static final long MAX_SEED = (1L << 32) - 1;
    /** Far beyond the 75 tokens that are kept; bounds tokenizer work on hostile input. */
    public static final int MAX_PROMPT_CHARS = 4000;

    private RequestLimits() {}

    public static void check(GenerationRequest request, DiffusionModel model) {
        checkRanges(request, model.vaeConfig().scaleFactor());
        checkFixed(
                "width",
                request.width(),
                model.vaeConfig().scaleFactor(),
                model.unet().fixedLatentWidth());
        checkFixed(
                "height",
                request.height(),
                model.vaeConfig().scaleFactor(),
                model.unet().fixedLatentHeight());
        if (request.initImage().isPresent() && model.vaeEncoder().isEmpty()) {
            throw new InvalidRequestException(
                    "model " + model.name() + " has no vae_encoder, so it cannot do image-to-image");
        }
    }

    /** The checks that need no loaded model, only its VAE factor: for servers validating before queueing. */
    public static void checkRanges(GenerationRequest request, int vaeFactor) {
        if (request.sampler() == null) {
            throw new InvalidRequestException("sampler: required");
        }
        checkPrompt("prompt", request.prompt());
        checkPrompt("negative prompt", request.negativePrompt());
        if (request.steps() < 1 || request.steps() > MAX_STEPS) {
            throw new InvalidRequestException("steps must be between 1 and " + MAX_STEPS + ", got " + request.steps());
        }
        if (request.count() < 1 || request.count() > MAX_IMAGES) {
            throw new InvalidRequestException(
                    "n (images per request) must be between 1 and " + MAX_IMAGES + ", got " + request.count());
        }
        if (!(request.cfgScale() >= 0 && request.cfgScale() <= MAX_CFG)) {
            throw new InvalidRequestException(
                    "cfg scale must be between 0 and " + MAX_CFG + ", got " + request.cfgScale());
        }
        if (request.seed() < GenerationRequest.RANDOM_SEED || request.seed() > MAX_SEED) {
            throw new InvalidRequestException(
                    "seed must be -1 (random) or between 0 and " + MAX_SEED + ", got " + request.seed());
        }
        checkSide("width", request.width(), vaeFactor);
        checkSide("height", request.height(), vaeFactor);
        if (request.initImage().isPresent() && !(request.strength() >= 0 && request.strength() <= 1)) {
            throw new InvalidRequestException("denoising strength must be between 0 and 1, got " + request.strength());
        }
    }

    private static void checkPrompt(String name, String text) {
        if (text.length() > MAX_PROMPT_CHARS) {
            throw new InvalidRequestException(
                    name + " must be at most " + MAX_PROMPT_CHARS + " characters, got " + text.length());
        }
    }

    private static void checkFixed(String name, int pixels, int factor, long fixedLatent) {
        if (fixedLatent > 0 && pixels != fixedLatent * factor) {
            throw new InvalidRequestException(
                    name + " must be " + fixedLatent * factor + " for this model, got " + pixels);
        }
    }

    private static void checkSide(String name, int pixels, int factor) {
        if (pixels < factor || pixels > DiffusionModel.MAX_IMAGE_SIDE) {
            throw new InvalidRequestException(name + " must be between " + factor + " and "
                    + DiffusionModel.MAX_IMAGE_SIDE + " pixels, got " + pixels);
        }
        if (pixels % factor != 0) {
            throw new InvalidRequestException(name + " must be a multiple of " + factor + ", got " + pixels);
        }
    }
}
