package dev.easel.engine.tensor;

/** Integer values with a shape; converted to int64 or int32 at the session boundary. */
public record LongTensor(long[] shape, long[] data) implements Tensor {

    public LongTensor {
        shape = shape.clone();
        Tensor.checkSize(shape, data.length);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int size() {
        return data.length;
    }
}
