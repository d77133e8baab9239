package dev.easel.engine.pipeline;

/** Told after every denoising step of a generation. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (completed, total) -> {};

    void onStep(int completed, int total);
}
