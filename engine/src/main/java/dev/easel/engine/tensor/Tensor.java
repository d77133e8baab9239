package dev.easel.engine.tensor;

import java.util.Arrays;

/** A dense row-major tensor whose element count always matches its shape. */
public sealed interface Tensor permits FloatTensor, LongTensor {

    long[] shape();

    int size();

    /** Element count of a shape; rejects negative dimensions and overflow. */
    static int elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        return (int) count;
    }

    static void checkSize(long[] shape, int length) {
        int expected = elementCount(shape);
        if (expected != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + expected
                    + " elements but the buffer has " + length);
        }
    }
}
