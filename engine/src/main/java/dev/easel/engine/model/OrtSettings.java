package dev.easel.engine.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.easel.engine.ModelException;
import java.util.Locale;

/**
 * How ONNX Runtime runs a model's sessions.
 *
 * @param intraOpThreads threads per operator within one call; 0 lets ONNX Runtime use one per physical core
 * @param optimization graph optimization level
 * @param provider CPU, or CUDA when the GPU build of ONNX Runtime is on the class path
 * @param deviceId GPU ordinal for CUDA
 * @param spinning whether idle intra-op threads busy-wait for the next operator; faster when ONNX Runtime has the
 *     cores to itself, slower when other threads of the process need them (a server's HTTP, encoding, storage)
 * @param rowWorkers how many calls a call with several rows (a batch, or CFG's two rows of one image) is split into,
 *     run at the same time on their own threads, each with {@code intraOpThreads}
 */
public record OrtSettings(
        int intraOpThreads,
        OptLevel optimization,
        ExecutionProvider provider,
        int deviceId,
        boolean spinning,
        int rowWorkers) {

    public enum ExecutionProvider {
        CPU,
        CUDA;

        public static ExecutionProvider fromName(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown execution provider '" + name + "'; choose CPU or CUDA", e);
            }
        }
    }

    public OrtSettings {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intra-op threads must be >= 0, got " + intraOpThreads);
        }
        if (rowWorkers < 1) {
            throw new IllegalArgumentException("row workers must be >= 1, got " + rowWorkers);
        }
    }

    /**
     * The CPU provider with one row worker per core, each calling ONNX Runtime on one thread: measured on the demo
     * model (docs/benchmarks.md), this gave 1.3–1.5× the images/s of one call at a time on all cores. A call of a
     * single row (one image without CFG) then uses one core.
     */
    public static OrtSettings defaults() {
        return new OrtSettings(
                1,
                OptLevel.ALL_OPT,
                ExecutionProvider.CPU,
                0,
                true,
                Runtime.getRuntime().availableProcessors());
    }

    public OrtSettings withIntraOpThreads(int threads) {
        return new OrtSettings(threads, optimization, provider, deviceId, spinning, rowWorkers);
    }

    public OrtSettings withSpinning(boolean spin) {
        return new OrtSettings(intraOpThreads, optimization, provider, deviceId, spin, rowWorkers);
    }

    public OrtSettings withRowWorkers(int workers) {
        return new OrtSettings(intraOpThreads, optimization, provider, deviceId, spinning, workers);
    }

    /** Builds session options; the caller closes them. */
    SessionOptions toSessionOptions() throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            options.setOptimizationLevel(optimization);
            options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            if (provider == ExecutionProvider.CUDA) {
                addCuda(options);
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    private void addCuda(SessionOptions options) {
        try {
            options.addCUDA(deviceId);
        } catch (OrtException | RuntimeException | LinkageError e) {
            throw new ModelException("the CUDA execution provider is not available (" + e.getMessage()
                    + "); put com.microsoft.onnxruntime:onnxruntime_gpu on the class path instead of the CPU build,"
                    + " or use the CPU provider");
        }
    }
}
