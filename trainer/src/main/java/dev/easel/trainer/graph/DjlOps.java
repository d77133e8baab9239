package dev.easel.trainer.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a network on DJL (PyTorch) NDArrays. Parameters live in {@link #parameters()}; a parameter that does not exist
 * yet is created on first use, so one forward pass on a small batch initialises a network (seeded, in call order).
 */
public final class DjlOps implements Ops<NDArray> {

    private static final float NORM_EPS = 1e-5f;

    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final SplittableRandom init;

    /** Ops over existing parameters, creating missing ones with the given seed. */
    public DjlOps(NDManager manager, Map<String, NDArray> parameters, long seed) {
        this.manager = manager;
        this.parameters = parameters;
        this.init = new SplittableRandom(seed);
    }

    /** Ops with a fresh, empty parameter set. */
    public DjlOps(NDManager manager, long seed) {
        this(manager, new LinkedHashMap<>(), seed);
    }

    public Map<String, NDArray> parameters() {
        return parameters;
    }

    public NDManager manager() {
        return manager;
    }

    @Override
    public NDArray conv2d(NDArray x, String name, int outChannels, int kernel, int stride) {
        long in = x.getShape().get(1);
        NDArray weight = weight(name + ".weight", in * kernel * kernel, outChannels, in, kernel, kernel);
        NDArray bias = zeros(name + ".bias", outChannels);
        int pad = kernel / 2;
        return Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(pad, pad))
                .singletonOrThrow();
    }

    @Override
    public NDArray linear(NDArray x, String name, int outFeatures) {
        long in = x.getShape().get(x.getShape().dimension() - 1);
        NDArray weight = weight(name + ".weight", in, outFeatures, in);
        NDArray bias = zeros(name + ".bias", outFeatures);
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    @Override
    public NDArray groupNorm(NDArray x, String name, int groups) {
        Shape shape = x.getShape();
        long channels = shape.get(1);
        NDArray gamma = ones(name + ".weight", channels);
        NDArray beta = zeros(name + ".bias", channels);
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
        NDArray variance = centred.square().mean(new int[] {2}, true);
        NDArray normalised = centred.div(variance.add(NORM_EPS).sqrt()).reshape(shape);
        return normalised.mul(gamma.reshape(channels, 1, 1)).add(beta.reshape(channels, 1, 1));
    }

    @Override
    public NDArray layerNorm(NDArray x, String name) {
        long dim = x.getShape().get(x.getShape().dimension() - 1);
        NDArray gamma = ones(name + ".weight", dim);
        NDArray beta = zeros(name + ".bias", dim);
        return LayerNorm.layerNorm(x, new Shape(dim), gamma, beta, NORM_EPS).singletonOrThrow();
    }

    @Override
    public NDArray embedding(NDArray ids, String name, int vocabSize, int dim) {
        NDArray table = parameter(name + ".weight", vocabSize, dim);
        NDArray longIds = ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
        return ids.getNDArrayInternal()
                .embedding(longIds, table, SparseFormat.DENSE)
                .singletonOrThrow();
    }

    @Override
    public NDArray parameter(String name, long... shape) {
        return weight(name, shape[shape.length - 1], shape);
    }

    @Override
    public NDArray constant(float[] values, long... shape) {
        return OwnedArrays.of(manager, values, new Shape(shape));
    }

    @Override
    public NDArray add(NDArray a, NDArray b) {
        return a.add(b);
    }

    @Override
    public NDArray mul(NDArray a, NDArray b) {
        return a.mul(b);
    }

    @Override
    public NDArray scale(NDArray x, float factor) {
        return x.mul(factor);
    }

    @Override
    public NDArray silu(NDArray x) {
        return x.mul(x.getNDArrayInternal().sigmoid());
    }

    @Override
    public NDArray quickGelu(NDArray x) {
        return x.mul(x.mul(1.702f).getNDArrayInternal().sigmoid());
    }

    @Override
    public NDArray sin(NDArray x) {
        return x.sin();
    }

    @Override
    public NDArray cos(NDArray x) {
        return x.cos();
    }

    @Override
    public NDArray matmul(NDArray a, NDArray b) {
        return a.matMul(b);
    }

    @Override
    public NDArray softmax(NDArray x, int axis) {
        return x.softmax(axis);
    }

    @Override
    public NDArray transpose(NDArray x, int... permutation) {
        return x.transpose(permutation);
    }

    @Override
    public NDArray reshape(NDArray x, long... shape) {
        long[] resolved = shape.clone();
        for (int i = 0; i < resolved.length; i++) {
            if (resolved[i] == 0) {
                resolved[i] = x.getShape().get(i);
            }
        }
        return x.reshape(resolved);
    }

    @Override
    public NDArray reshapeLike(NDArray x, NDArray like) {
        return x.reshape(like.getShape());
    }

    @Override
    public NDArray upsample2x(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2), 1, s.get(3), 1)
                .broadcast(s.get(0), s.get(1), s.get(2), 2, s.get(3), 2)
                .reshape(s.get(0), s.get(1), s.get(2) * 2, s.get(3) * 2);
    }

    @Override
    public NDArray concat(int axis, NDArray a, NDArray b) {
        return a.concat(b, axis);
    }

    @Override
    public NDArray toFloat(NDArray x) {
        return x.toType(DataType.FLOAT32, false);
    }

    /** Normal(0, 1/fan_in) initialisation keeps activations' scale roughly constant through layers. */
    private NDArray weight(String name, long fanIn, long... shape) {
        NDArray existing = parameters.get(name);
        if (existing != null) {
            return existing;
        }
        int size = Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
        float[] values = new float[size];
        double std = 1.0 / Math.sqrt(fanIn);
        for (int i = 0; i < size; i++) {
            values[i] = (float) (init.nextGaussian() * std);
        }
        return register(name, OwnedArrays.of(manager, values, new Shape(shape)));
    }

    private NDArray zeros(String name, long size) {
        NDArray existing = parameters.get(name);
        return existing != null ? existing : register(name, manager.zeros(new Shape(size)));
    }

    private NDArray ones(String name, long size) {
        NDArray existing = parameters.get(name);
        return existing != null ? existing : register(name, manager.ones(new Shape(size)));
    }

    private NDArray register(String name, NDArray created) {
        // Parameters outlive the scope of the forward pass that happens to create them.
        NDScope.unregister(created);
        created.setName(name);
        parameters.put(name, created);
        return created;
    }
}
