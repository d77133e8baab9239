package dev.easel.engine.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.easel.engine.ModelException;
import dev.easel.engine.tensor.FloatTensor;
import dev.easel.engine.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One ONNX file of a model folder (text encoder, UNet, ...) with its session and declared inputs and outputs.
 * Converts values to the element types the session declares, so callers never care whether a model takes int32
 * or int64 ids, or float16 activations.
 */
public final class OnnxPart implements AutoCloseable {
    private final String file;
    private final OrtSession session;
    private final Map<String, TensorInfo> inputs;
    private final Map<String, TensorInfo> outputs;
    private final LongAdder runNanos = new LongAdder();
    private final LongAdder runs = new LongAdder();

    private OnnxPart(String file, OrtSession session) throws OrtException {
        this.file = file;
        this.session = session;
        this.inputs = tensorInfos(file, session.getInputInfo());
        this.outputs = tensorInfos(file, session.getOutputInfo());
    }

    /** Opens {@code root/relativePath}; a missing or unreadable file becomes a {@link ModelException} naming it. */
    public static OnnxPart open(OrtEnvironment env, Path root, String relativePath, OrtSettings settings) {
        Path path = root.resolve(relativePath);
        if (!Files.isRegularFile(path)) {
            throw new ModelException(relativePath + ": missing");
        }
        try (OrtSession.SessionOptions options = settings.toSessionOptions()) {
            OrtSession session = env.createSession(path.toString(), options);
            try {
                return new OnnxPart(relativePath, session);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new ModelException(
                    relativePath + ": not a loadable ONNX model (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    public String file() {
        return file;
    }

    public Map<String, TensorInfo> inputs() {
        return inputs;
    }

    public Map<String, TensorInfo> outputs() {
        return outputs;
    }

    /** Runs the session; every output comes back as float values (bool as 0/1, float16 widened). */
    public Map<String, FloatTensor> run(Map<String, Tensor> values) {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> entry : values.entrySet()) {
                TensorInfo info = inputs.get(entry.getKey());
                if (info == null) {
                    throw new IllegalArgumentException(file + " has no input named " + entry.getKey());
                }
                feed.put(entry.getKey(), OnnxValues.create(entry.getValue(), info.type));
            }
            long start = System.nanoTime();
            try (OrtSession.Result result = session.run(feed)) {
                runNanos.add(System.nanoTime() - start);
                runs.increment();
                Map<String, FloatTensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> value : result) {
                    out.put(value.getKey(), OnnxValues.toFloats((OnnxTensor) value.getValue()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new ModelException(file + ": inference failed (" + firstLine(e.getMessage()) + ")", e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** Wall time spent inside ONNX Runtime's run calls, for the engine's overhead figure. */
    public long runNanos() {
        return runNanos.sum();
    }

    public long runs() {
        return runs.sum();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException(file + ": could not release the session", e);
        }
    }

    private static Map<String, TensorInfo> tensorInfos(String file, Map<String, NodeInfo> nodes) {
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> node : nodes.entrySet()) {
            if (!(node.getValue().getInfo() instanceof TensorInfo tensor)) {
                throw new ModelException(file + ": " + node.getKey() + " is not a tensor");
            }
            if (tensor.type == OnnxJavaType.UNKNOWN) {
                throw new ModelException(file + ": " + node.getKey() + " has an unsupported element type");
            }
            infos.put(node.getKey(), tensor);
        }
        return Map.copyOf(infos);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
