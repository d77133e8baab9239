package dev.easel.engine.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.easel.engine.ModelException;
import java.util.Locale;

/**
 * How ONNX Runtime runs a model's sessions.
 *
 * @param intraOpThreads threads per operator; 0 lets ONNX Runtime use one per physical core
 * @param optimization graph optimization level
 * @param provider CPU, or CUDA when the GPU build of ONNX Runtime is on the class path
 * @param deviceId GPU ordinal for CUDA
 * @param spinning whether idle intra-op threads busy-wait for the next operator; faster when ONNX Runtime has the
 *     cores to itself, slower when other threads of the process need them (a server's HTTP, encoding, storage)
 */
public record OrtSettings(
        int intraOpThreads, OptLevel optimization, ExecutionProvider provider, int deviceId, boolean spinning) {

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
    }

    public static OrtSettings defaults() {
        return new OrtSettings(0, OptLevel.ALL_OPT, ExecutionProvider.CPU, 0, true);
    }

    public OrtSettings withIntraOpThreads(int threads) {
        return new OrtSettings(threads, optimization, provider, deviceId, spinning);
    }

    public OrtSettings withSpinning(boolean spin) {
        return new OrtSettings(intraOpThreads, optimization, provider, deviceId, spin);
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
