package dev.easel.engine.cli;

import dev.easel.engine.model.DiffusionModel;

/** The image side a model is made for, used when the user gives no size. */
final class NativeSize {
    private NativeSize() {}

    static int of(DiffusionModel model) {
        int factor = model.vaeConfig().scaleFactor();
        long fixed = model.unet().fixedLatentWidth();
        if (fixed > 0) {
            return (int) fixed * factor;
        }
        return model.folder().nativeImageSide(factor);
    }
}
