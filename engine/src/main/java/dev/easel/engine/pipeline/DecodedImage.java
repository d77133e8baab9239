package dev.easel.engine.pipeline;

import dev.easel.engine.image.RgbImage;

/**
 * A finished sample's pixels.
 *
 * @param nsfw whether the model's safety checker flagged it (always false for models without one)
 */
public record DecodedImage(RgbImage image, boolean nsfw) {}
