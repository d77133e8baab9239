package dev.easel.trainer.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.easel.trainer.TrainAll;
import dev.easel.trainer.graph.DjlOps;
import dev.easel.trainer.graph.OwnedArrays;
import java.util.Locale;
import java.util.Random;

/**
 * Prints the time of one training step of the demo UNet (forward and backward, batch 16, 16x16 latents) under the
 * native settings the process was started with, so that runs with and without the trainer's pinned code paths
 * (docs/trainer.md) can be compared. Not a test: run it with the command in docs/benchmarks.md.
 */
public final class TrainingStepBenchmark {

    private static final int BATCH = 16;
    private static final int STEPS = 10;

    private TrainingStepBenchmark() {}

    public static void main(String[] args) {
        Random random = new Random(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray latents =
                    OwnedArrays.of(manager, gaussian(random, BATCH * 4 * 16 * 16), new Shape(BATCH, 4, 16, 16));
            long[] timesteps = random.longs(BATCH, 0, 1000).toArray();
            NDArray times = OwnedArrays.of(manager, timesteps, new Shape(BATCH));
            NDArray context = OwnedArrays.of(
                    manager, gaussian(random, BATCH * 77 * TrainAll.TEXT_DIM), new Shape(BATCH, 77, TrainAll.TEXT_DIM));
            DjlOps ops = new DjlOps(manager, 1);
            TrainAll.UNET.forward(ops, latents, times, context);
            ops.parameters().values().forEach(p -> p.setRequiresGradient(true));
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < STEPS; i++) {
                    try (NDScope scope = new NDScope();
                            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.backward(TrainAll.UNET
                                .forward(ops, latents, times, context)
                                .square()
                                .mean());
                        scope.suppressNotUsedWarning();
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "round %d: %.3f s per step (UNet forward + backward, batch %d)  ONEDNN_MAX_CPU_ISA=%s"
                                + " ATEN_CPU_CAPABILITY=%s MKL_CBWR=%s%n",
                        round,
                        (System.nanoTime() - start) / 1e9 / STEPS,
                        BATCH,
                        System.getenv("ONEDNN_MAX_CPU_ISA"),
                        System.getenv("ATEN_CPU_CAPABILITY"),
                        System.getenv("MKL_CBWR"));
            }
        }
    }

    private static float[] gaussian(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
