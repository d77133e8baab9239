package dev.easel.engine.tensor;

import java.util.List;

/** Float values with a shape; converted to float, float16 or double at the session boundary. */
public record FloatTensor(long[] shape, float[] data) implements Tensor {

    public FloatTensor {
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

    /** Stacks equally sized rows into one tensor with a leading batch axis of {@code rows.size()}. */
    public static FloatTensor stack(List<float[]> rows, long... rowShape) {
        int rowSize = Tensor.elementCount(rowShape);
        float[] data = new float[rows.size() * rowSize];
        for (int i = 0; i < rows.size(); i++) {
            float[] row = rows.get(i);
            Tensor.checkSize(rowShape, row.length);
            System.arraycopy(row, 0, data, i * rowSize, rowSize);
        }
        long[] shape = new long[rowShape.length + 1];
        shape[0] = rows.size();
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return new FloatTensor(shape, data);
    }

    /** Splits the leading axis back into rows. */
    public float[][] unstack() {
        int rows = (int) shape[0];
        int rowSize = rows == 0 ? 0 : data.length / rows;
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = new float[rowSize];
            System.arraycopy(data, i * rowSize, out[i], 0, rowSize);
        }
        return out;
    }
}
