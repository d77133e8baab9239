package dev.easel.engine.testing;

import ai.onnxruntime.OnnxJavaType;

/** The element type and shape of a tiny UNet's {@code timestep} input; real exports use all of these. */
public enum TimestepKind {
    /** int64 [batch], as Optimum exports SD 1.x/2.x. */
    INT64_BATCHED(OnnxJavaType.INT64, true, false),
    INT32_BATCHED(OnnxJavaType.INT32, true, false),
    FLOAT_BATCHED(OnnxJavaType.FLOAT, true, false),
    /** int64 scalar []: one timestep for the whole batch per call. */
    INT64_SCALAR(OnnxJavaType.INT64, false, false),
    FLOAT_SCALAR(OnnxJavaType.FLOAT, false, false),
    /** int64 [1]: one timestep for the whole batch per call. */
    INT64_ONE(OnnxJavaType.INT64, false, true);

    private final OnnxJavaType elementType;
    private final boolean batched;
    private final boolean singleElement;

    TimestepKind(OnnxJavaType elementType, boolean batched, boolean singleElement) {
        this.elementType = elementType;
        this.batched = batched;
        this.singleElement = singleElement;
    }

    public OnnxJavaType elementType() {
        return elementType;
    }

    /** Whether each batch element carries its own timestep. */
    public boolean batched() {
        return batched;
    }

    /** The input's shape as ONNX Runtime reports it: -1 for the dynamic batch axis. */
    public long[] shape() {
        if (batched) {
            return new long[] {-1};
        }
        return singleElement ? new long[] {1} : new long[0];
    }
}
