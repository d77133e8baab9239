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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

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
    private final RowWorkers workers;
    private final LongAdder runs = new LongAdder();
    // Wall time with at least one run in progress: runs of the parts of one split call overlap.
    private int running;
    private long busySince;
    private long busyNanos;

    private OnnxPart(String file, OrtSession session, RowWorkers workers) throws OrtException {
        this.file = file;
        this.session = session;
        this.workers = workers;
        this.inputs = tensorInfos(file, session.getInputInfo());
        this.outputs = tensorInfos(file, session.getOutputInfo());
    }

    /**
     * Opens {@code root/relativePath}; a missing or unreadable file becomes a {@link ModelException} naming it. Calls
     * with several rows are spread over {@code workers}.
     */
    static OnnxPart open(OrtEnvironment env, Path root, String relativePath, OrtSettings settings, RowWorkers workers) {
        Path path = root.resolve(relativePath);
        if (!Files.isRegularFile(path)) {
            throw new ModelException(relativePath + ": missing");
        }
        try (OrtSession.SessionOptions options = settings.toSessionOptions()) {
            OrtSession session = env.createSession(path.toString(), options);
            try {
                return new OnnxPart(relativePath, session, workers);
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
            OrtSession.Result result;
            runStarted();
            try {
                result = session.run(feed);
            } finally {
                runEnded();
            }
            try (result) {
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

    /**
     * Runs {@code call} over the rows in chunks of at most {@code fixedBatch} (any size when 0), the chunks spread over
     * the model's row workers; results in the rows' order.
     */
    <R, O> List<O> inRows(List<R> rows, long fixedBatch, Function<List<R>, List<O>> call) {
        return workers.map(rows, fixedBatch, call);
    }

    private synchronized void runStarted() {
        if (running++ == 0) {
            busySince = System.nanoTime();
        }
    }

    private synchronized void runEnded() {
        if (--running == 0) {
            busyNanos += System.nanoTime() - busySince;
        }
    }

    /** Wall time spent inside ONNX Runtime's run calls, for the engine's overhead figure. */
    public synchronized long runNanos() {
        return busyNanos;
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
