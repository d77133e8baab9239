package dev.easel.engine.pipeline;

import dev.easel.engine.image.GenerationInfo;
import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;

/**
 * One image of a generation with the parameters that reproduce it.
 *
 * @param nsfw flagged by the model's safety checker
 */
public record GeneratedImage(RgbImage image, long seed, boolean nsfw, GenerationInfo info) {

    /** PNG bytes with the parameters in A1111's "parameters" text chunk. */
    public byte[] png() {
        return PngImages.encode(image, info.toParameters());
    }
}
