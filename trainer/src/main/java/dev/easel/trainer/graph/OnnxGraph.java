package dev.easel.trainer.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records the operations of a forward pass as an ONNX graph (opset 17). Tensor handles are value names. Parameters
 * come from a fixed map and become initializers the first time they are used.
 */
public final class OnnxGraph implements Ops<String> {

    public static final int OPSET = 17;
    private static final float NORM_EPS = 1e-5f;

    private final Map<String, FloatTensor> parameters;
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> initialized = new HashSet<>();
    private int counter;

    public OnnxGraph(String name, Map<String, FloatTensor> parameters) {
        this.parameters = parameters;
        graph.setName(name);
    }

    /** Declares a graph input; a {@code String} dimension is symbolic, a {@code Number} fixed. */
    public String input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    /** Publishes a value as a named graph output. */
    public void output(String value, String name, Object... dims) {
        graph.addNode(NodeProto.newBuilder()
                .setOpType("Identity")
                .setName(name + "_identity")
                .addInput(value)
                .addOutput(name));
        graph.addOutput(valueInfo(name, TensorProto.DataType.FLOAT, dims));
    }

    public ModelProto toModel() {
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("easel-trainer")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
    }

    @Override
    public String conv2d(String x, String name, int outChannels, int kernel, int stride) {
        int pad = kernel / 2;
        return node(
                "Conv",
                List.of(x, param(name + ".weight"), param(name + ".bias")),
                ints("strides", stride, stride),
                ints("pads", pad, pad, pad, pad),
                ints("kernel_shape", kernel, kernel));
    }

    @Override
    public String linear(String x, String name, int outFeatures) {
        String weightName = name + ".weight";
        String transposed = weightName + "_t";
        if (initialized.add(transposed)) {
            FloatTensor w = require(weightName);
            int out = (int) w.shape()[0];
            int in = (int) w.shape()[1];
            float[] t = new float[w.data().length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    t[i * out + o] = w.data()[o * in + i];
                }
            }
            graph.addInitializer(floatTensor(transposed, new long[] {in, out}, t));
        }
        return node("Add", List.of(node("MatMul", List.of(x, transposed)), param(name + ".bias")));
    }

    @Override
    public String groupNorm(String x, String name, int groups) {
        String grouped = reshape(x, 0, groups, -1);
        String mean = node("ReduceMean", List.of(grouped), ints("axes", 2), intAttr("keepdims", 1));
        String centred = node("Sub", List.of(grouped, mean));
        String variance = node(
                "ReduceMean", List.of(node("Mul", List.of(centred, centred))), ints("axes", 2), intAttr("keepdims", 1));
        String std = node("Sqrt", List.of(node("Add", List.of(variance, scalar(NORM_EPS)))));
        String normalised = reshapeLike(node("Div", List.of(centred, std)), x);
        long channels = require(name + ".weight").shape()[0];
        String gamma = constantFrom(name + ".weight", channels, 1, 1);
        String beta = constantFrom(name + ".bias", channels, 1, 1);
        return node("Add", List.of(node("Mul", List.of(normalised, gamma)), beta));
    }

    @Override
    public String layerNorm(String x, String name) {
        return node(
                "LayerNormalization",
                List.of(x, param(name + ".weight"), param(name + ".bias")),
                intAttr("axis", -1),
                floatAttr("epsilon", NORM_EPS));
    }

    @Override
    public String embedding(String ids, String name, int vocabSize, int dim) {
        return node("Gather", List.of(param(name + ".weight"), ids), intAttr("axis", 0));
    }

    @Override
    public String parameter(String name, long... shape) {
        return param(name);
    }

    @Override
    public String constant(float[] values, long... shape) {
        String name = fresh("const");
        graph.addInitializer(floatTensor(name, shape, values));
        return name;
    }

    @Override
    public String add(String a, String b) {
        return node("Add", List.of(a, b));
    }

    @Override
    public String mul(String a, String b) {
        return node("Mul", List.of(a, b));
    }

    @Override
    public String scale(String x, float factor) {
        return node("Mul", List.of(x, scalar(factor)));
    }

    @Override
    public String silu(String x) {
        return node("Mul", List.of(x, node("Sigmoid", List.of(x))));
    }

    @Override
    public String quickGelu(String x) {
        return node("Mul", List.of(x, node("Sigmoid", List.of(scale(x, 1.702f)))));
    }

    @Override
    public String sin(String x) {
        return node("Sin", List.of(x));
    }

    @Override
    public String cos(String x) {
        return node("Cos", List.of(x));
    }

    @Override
    public String matmul(String a, String b) {
        return node("MatMul", List.of(a, b));
    }

    @Override
    public String softmax(String x, int axis) {
        return node("Softmax", List.of(x), intAttr("axis", axis));
    }

    @Override
    public String transpose(String x, int... permutation) {
        return node("Transpose", List.of(x), ints("perm", permutation));
    }

    @Override
    public String reshape(String x, long... shape) {
        String shapeName = fresh("shape");
        ByteBuffer bytes = ByteBuffer.allocate(shape.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long dim : shape) {
            bytes.putLong(dim);
        }
        graph.addInitializer(TensorProto.newBuilder()
                .setName(shapeName)
                .setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(shape.length)
                .setRawData(ByteString.copyFrom(bytes.array())));
        return node("Reshape", List.of(x, shapeName));
    }

    @Override
    public String reshapeLike(String x, String like) {
        return node("Reshape", List.of(x, node("Shape", List.of(like))));
    }

    @Override
    public String upsample2x(String x) {
        return node(
                "Resize",
                List.of(x, "", constant(new float[] {1, 1, 2, 2}, 4)),
                stringAttr("mode", "nearest"),
                stringAttr("coordinate_transformation_mode", "asymmetric"),
                stringAttr("nearest_mode", "floor"));
    }

    @Override
    public String concat(int axis, String a, String b) {
        return node("Concat", List.of(a, b), intAttr("axis", axis));
    }

    @Override
    public String toFloat(String x) {
        return node("Cast", List.of(x), intAttr("to", TensorProto.DataType.FLOAT_VALUE));
    }

    private String node(String opType, List<String> inputs, AttributeProto... attributes) {
        String out = fresh(opType);
        graph.addNode(NodeProto.newBuilder()
                .setOpType(opType)
                .setName(out)
                .addAllInput(inputs)
                .addOutput(out)
                .addAllAttribute(Arrays.asList(attributes)));
        return out;
    }

    private String param(String name) {
        if (initialized.add(name)) {
            FloatTensor t = require(name);
            graph.addInitializer(floatTensor(name, t.shape(), t.data()));
        }
        return name;
    }

    /** A parameter re-shaped (e.g. [C] to [C,1,1] for NCHW broadcasting) under a derived initializer name. */
    private String constantFrom(String name, long... shape) {
        String derived = name + "_nchw";
        if (initialized.add(derived)) {
            graph.addInitializer(floatTensor(derived, shape, require(name).data()));
        }
        return derived;
    }

    private String scalar(float value) {
        return constant(new float[] {value});
    }

    private FloatTensor require(String name) {
        FloatTensor t = parameters.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return t;
    }

    private String fresh(String prefix) {
        return prefix + "_" + counter++;
    }

    private static TensorProto floatTensor(String name, long[] shape, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Number n) {
                dim.setDimValue(n.longValue());
            } else {
                dim.setDimParam(d.toString());
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(type.getNumber())
                                .setShape(shape)))
                .build();
    }

    private static AttributeProto ints(String name, int... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    private static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.FLOAT)
                .setF(value)
                .build();
    }

    private static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value))
                .build();
    }
}
