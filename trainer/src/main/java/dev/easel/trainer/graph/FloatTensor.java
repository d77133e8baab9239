package dev.easel.trainer.graph;

import java.util.Arrays;

/** A float32 tensor held on the Java heap: parameters for export and checkpoints. */
public record FloatTensor(long[] shape, float[] data) {

    public FloatTensor {
        long size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
        }
    }
}
