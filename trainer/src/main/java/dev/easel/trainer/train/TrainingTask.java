package dev.easel.trainer.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** One network-training job that {@link TrainingLoop} runs, checkpoints and resumes. */
public interface TrainingTask {

    String name();

    int totalSteps();

    /** Everything a resumed run needs, by group ("parameters", "adam.m", ...); arrays are updated in place. */
    Map<String, Map<String, NDArray>> state();

    /** Runs training step {@code step} (0-based; its randomness derives from the seed and the step) and returns the loss. */
    float step(int step);
}
