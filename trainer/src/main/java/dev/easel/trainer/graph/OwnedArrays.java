package dev.easel.trainer.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Creates DJL arrays whose memory PyTorch owns. {@code NDManager.create(float[])} hands PyTorch a Java direct buffer
 * as the tensor's storage ({@code from_blob}): the tensor is then only as safe as the Java object that keeps the
 * buffer reachable (a view or an autograd reference that outlives it reads freed memory), and its alignment changes
 * from run to run, which some CPU kernels' results depend on. Every array the trainer makes from Java values goes
 * through here instead: the borrowed buffer is copied into a tensor PyTorch allocated (64-byte aligned) and released
 * at once.
 */
public final class OwnedArrays {

    private OwnedArrays() {}

    public static NDArray of(NDManager manager, float[] values, Shape shape) {
        try (NDArray borrowed = manager.create(values, shape)) {
            return borrowed.duplicate();
        }
    }

    public static NDArray of(NDManager manager, int[] values, Shape shape) {
        try (NDArray borrowed = manager.create(values, shape)) {
            return borrowed.duplicate();
        }
    }

    public static NDArray of(NDManager manager, long[] values, Shape shape) {
        try (NDArray borrowed = manager.create(values, shape)) {
            return borrowed.duplicate();
        }
    }

    /**
     * Copies {@code values} into the existing storage of {@code target} (keeping its identity, gradient attachment
     * and PyTorch-owned memory), where {@code NDArray.set(float[])} would swap in a Java buffer as its storage.
     */
    public static void copyInto(NDArray target, float[] values) {
        try (NDArray source = of(target.getManager(), values, target.getShape())) {
            target.set(new NDIndex("..."), source);
        }
    }
}
