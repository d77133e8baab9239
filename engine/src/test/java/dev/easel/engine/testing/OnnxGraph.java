package dev.easel.engine.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Builds one ONNX graph (opset 17, standard domain only): inputs, outputs, nodes and initializers, with weights drawn
 * from a seeded generator so the same seed always writes the same bytes.
 */
final class OnnxGraph {
    static final int OPSET = 17;
    private static final long IR_VERSION = 8;
    private static final float NORM_EPSILON = 1e-5f;

    private final GraphProto.Builder graph;
    private final SplittableRandom random;
    private int nextName;

    OnnxGraph(String name, long seed) {
        this.graph = GraphProto.newBuilder().setName(name);
        this.random = new SplittableRandom(seed);
    }

    /** Declares a graph input; each dim is an Integer (fixed size) or a String (symbolic, e.g. "batch"). */
    String input(String name, DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    /** Publishes {@code value} under the output {@code name}, through Identity so internal names stay generated. */
    void output(String value, String name, DataType type, Object... dims) {
        graph.addNode(NodeProto.newBuilder()
                .setOpType("Identity")
                .setName(name + "_identity")
                .addInput(value)
                .addOutput(name));
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** Adds a node with one output and returns that output's generated name. */
    String op(String type, List<String> inputs, AttributeProto... attributes) {
        String output = type.toLowerCase(Locale.ROOT) + "_" + nextName++;
        graph.addNode(NodeProto.newBuilder()
                .setOpType(type)
                .setName(output)
                .addAllInput(inputs)
                .addOutput(output)
                .addAllAttribute(Arrays.asList(attributes)));
        return output;
    }

    String floats(float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(DataType.FLOAT, bytes, dims);
    }

    /** A 1-D int64 constant, as Reshape shapes and Slice bounds need. */
    String longs(long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(DataType.INT64, bytes, values.length);
    }

    String scalar(float value) {
        return floats(new float[] {value});
    }

    /** Weights drawn from N(0, std²). */
    String normal(double std, long... dims) {
        float[] values = new float[Math.toIntExact(Arrays.stream(dims).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return floats(values, dims);
    }

    String add(String a, String b) {
        return op("Add", List.of(a, b));
    }

    String mul(String a, String b) {
        return op("Mul", List.of(a, b));
    }

    String matMul(String a, String b) {
        return op("MatMul", List.of(a, b));
    }

    String silu(String x) {
        return mul(x, op("Sigmoid", List.of(x)));
    }

    String transpose(String x, long... perm) {
        return op("Transpose", List.of(x), ints("perm", perm));
    }

    String reshape(String x, long... shape) {
        return op("Reshape", List.of(x, longs(shape)));
    }

    String cast(String x, DataType to) {
        return op("Cast", List.of(x), attr("to", to.getNumber()));
    }

    /** x @ W + b over the last axis; W ~ N(0, gain²/in) keeps activations of order 1 when gain is 1. */
    String linear(String x, int in, int out, double gain) {
        return add(matMul(x, normal(gain / Math.sqrt(in), in, out)), normal(0.02, out));
    }

    /** A square convolution with "same" padding for odd kernels; weights ~ N(0, gain²/fan_in). */
    String conv(String x, int in, int out, int kernel, int stride, double gain) {
        long pad = kernel / 2;
        String weight = normal(gain / Math.sqrt((double) in * kernel * kernel), out, in, kernel, kernel);
        return op(
                "Conv",
                List.of(x, weight, normal(0.02, out)),
                ints("kernel_shape", kernel, kernel),
                ints("strides", stride, stride),
                ints("pads", pad, pad, pad, pad));
    }

    /** Group normalisation of [batch, channels, ...] without affine terms, via InstanceNormalization over groups. */
    String groupNorm(String x, int groups) {
        float[] ones = new float[groups];
        Arrays.fill(ones, 1f);
        String grouped = reshape(x, 0, groups, -1);
        String normalised = op(
                "InstanceNormalization",
                List.of(grouped, floats(ones, groups), floats(new float[groups], groups)),
                attr("epsilon", NORM_EPSILON));
        return op("Reshape", List.of(normalised, op("Shape", List.of(x))));
    }

    /** LayerNormalization over the last axis with unit scale and zero bias. */
    String layerNorm(String x, int width) {
        float[] ones = new float[width];
        Arrays.fill(ones, 1f);
        return op(
                "LayerNormalization",
                List.of(x, floats(ones, width), floats(new float[width], width)),
                attr("axis", -1),
                attr("epsilon", NORM_EPSILON));
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.FLOAT)
                .setF(value)
                .build();
    }

    static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value))
                .build();
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder attribute =
                AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    ModelProto model() {
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("easel-tiny-models")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
    }

    /** Writes the model with its weights inside the .onnx file. */
    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, model().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the float weights' bytes to {@code weightsFileName} next to {@code file} and leaves only ONNX
     * external-data references (location, offset, length) for them in the model, as large exports do.
     */
    void writeWithExternalData(Path file, String weightsFileName) {
        ModelProto model = model();
        GraphProto.Builder external = model.getGraph().toBuilder().clearInitializer();
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream weights = Files.newOutputStream(file.resolveSibling(weightsFileName))) {
                long offset = 0;
                for (TensorProto tensor : model.getGraph().getInitializerList()) {
                    // int64 shapes stay inline: ONNX Runtime's shape inference reads them before external data loads
                    if (tensor.getDataType() != DataType.FLOAT.getNumber()) {
                        external.addInitializer(tensor);
                        continue;
                    }
                    ByteString data = tensor.getRawData();
                    data.writeTo(weights);
                    external.addInitializer(tensor.toBuilder()
                            .clearRawData()
                            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                            .addExternalData(entry("location", weightsFileName))
                            .addExternalData(entry("offset", Long.toString(offset)))
                            .addExternalData(entry("length", Integer.toString(data.size()))));
                    offset += data.size();
                }
            }
            Files.write(file, model.toBuilder().setGraph(external).build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String initializer(DataType type, ByteBuffer littleEndianBytes, long... dims) {
        String name = "w_" + nextName++;
        TensorProto.Builder tensor = TensorProto.newBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(littleEndianBytes));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static ValueInfoProto valueInfo(String name, DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder dimension = TensorShapeProto.Dimension.newBuilder();
            switch (dim) {
                case Integer size -> dimension.setDimValue(size);
                case String symbol -> dimension.setDimParam(symbol);
                default -> throw new IllegalArgumentException("dim must be Integer or String: " + dim);
            }
            shape.addDim(dimension);
        }
        // an explicit, possibly empty, shape: no dims means a scalar, not an unknown rank
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder()
                .setElemType(type.getNumber())
                .setShape(shape)
                .build();
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(tensor))
                .build();
    }
}
