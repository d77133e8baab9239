package dev.easel.engine.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.easel.engine.tensor.FloatTensor;
import dev.easel.engine.tensor.LongTensor;
import dev.easel.engine.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/** Conversions between engine tensors and ONNX Runtime tensors of the element type a session declares. */
final class OnnxValues {
    private OnnxValues() {}

    static OnnxTensor create(Tensor tensor, OnnxJavaType type) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = tensor.shape();
        int n = tensor.size();
        return switch (type) {
            case FLOAT -> OnnxTensor.createTensor(env, FloatBuffer.wrap(floats(tensor)), shape);
            case DOUBLE -> {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = floatAt(tensor, i);
                }
                yield OnnxTensor.createTensor(env, DoubleBuffer.wrap(values), shape);
            }
            case FLOAT16 -> {
                ShortBuffer halves = ByteBuffer.allocateDirect(n * 2)
                        .order(ByteOrder.nativeOrder())
                        .asShortBuffer();
                for (int i = 0; i < n; i++) {
                    halves.put(i, Float.floatToFloat16(floatAt(tensor, i)));
                }
                yield OnnxTensor.createTensor(env, halves, shape, OnnxJavaType.FLOAT16);
            }
            case INT64 -> {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = longAt(tensor, i);
                }
                yield OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
            }
            case INT32 -> {
                int[] values = new int[n];
                for (int i = 0; i < n; i++) {
                    values[i] = Math.toIntExact(longAt(tensor, i));
                }
                yield OnnxTensor.createTensor(env, IntBuffer.wrap(values), shape);
            }
            default -> throw new IllegalArgumentException("unsupported input element type " + type);
        };
    }

    static FloatTensor toFloats(OnnxTensor tensor) {
        long[] shape = tensor.getInfo().getShape();
        OnnxJavaType type = tensor.getInfo().type;
        float[] values = new float[Tensor.elementCount(shape)];
        switch (type) {
            case FLOAT -> tensor.getFloatBuffer().get(values);
            case FLOAT16 -> {
                ShortBuffer halves = tensor.getShortBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = Float.float16ToFloat(halves.get(i));
                }
            }
            case DOUBLE -> {
                DoubleBuffer doubles = tensor.getDoubleBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) doubles.get(i);
                }
            }
            case BOOL, UINT8, INT8 -> {
                ByteBuffer bytes = tensor.getByteBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = bytes.get(i);
                }
            }
            case INT64 -> {
                LongBuffer longs = tensor.getLongBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = longs.get(i);
                }
            }
            case INT32 -> {
                IntBuffer ints = tensor.getIntBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = ints.get(i);
                }
            }
            default -> throw new IllegalArgumentException("unsupported output element type " + type);
        }
        return new FloatTensor(shape, values);
    }

    private static float[] floats(Tensor tensor) {
        return switch (tensor) {
            case FloatTensor f -> f.data();
            case LongTensor l -> {
                float[] values = new float[l.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = l.data()[i];
                }
                yield values;
            }
        };
    }

    private static float floatAt(Tensor tensor, int i) {
        return switch (tensor) {
            case FloatTensor f -> f.data()[i];
            case LongTensor l -> l.data()[i];
        };
    }

    // Fractional timesteps (Karras sigmas) are rounded for integer-timestep models.
    private static long longAt(Tensor tensor, int i) {
        return switch (tensor) {
            case FloatTensor f -> Math.round(f.data()[i]);
            case LongTensor l -> l.data()[i];
        };
    }
}
