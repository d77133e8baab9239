package dev.easel.engine.model;

import ai.onnxruntime.OrtEnvironment;
import dev.easel.engine.ModelException;
import dev.easel.engine.scheduler.SchedulerConfig;
import dev.easel.engine.text.ClipTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A loaded model folder in the diffusers ONNX layout: its tokenizer, sessions and configs, checked against each
 * other. Thread-safe for concurrent runs (ONNX Runtime sessions are); close it to free native memory.
 */
public final class DiffusionModel implements AutoCloseable {
    /** Largest image side accepted for models whose UNet takes any size. */
    public static final int MAX_IMAGE_SIDE = 2048;

    private final ModelFolder folder;
    private final ClipTokenizer tokenizer;
    private final TextEncoder textEncoder;
    private final UNet unet;
    private final VaeDecoder vaeDecoder;
    private final Optional<VaeEncoder> vaeEncoder;
    private final Optional<SafetyChecker> safetyChecker;
    private final SchedulerConfig schedulerConfig;
    private final VaeConfig vaeConfig;
    private final RowWorkers rowWorkers;

    private DiffusionModel(ModelParts parts) {
        this.folder = parts.folder;
        this.tokenizer = parts.tokenizer;
        this.textEncoder = parts.textEncoder;
        this.unet = parts.unet;
        this.vaeDecoder = parts.vaeDecoder;
        this.vaeEncoder = Optional.ofNullable(parts.vaeEncoder);
        this.safetyChecker = Optional.ofNullable(parts.safetyChecker);
        this.schedulerConfig = parts.schedulerConfig;
        this.vaeConfig = parts.vaeConfig;
        this.rowWorkers = parts.rowWorkers;
    }

    /**
     * Loads and checks a model folder.
     *
     * @throws InvalidModelException listing every problem found, each naming its file
     */
    public static DiffusionModel load(Path dir, OrtSettings settings) {
        return load(new ModelFolder(dir), settings);
    }

    /** Loads a folder the caller already knows, sharing its once-computed hash. */
    public static DiffusionModel load(ModelFolder folder, OrtSettings settings) {
        Path dir = folder.root();
        ModelParts parts = new ModelParts(folder);
        try {
            parts.open(OrtEnvironment.getEnvironment(), settings);
            if (!parts.problems.isEmpty()) {
                throw new InvalidModelException(dir.toString(), parts.problems);
            }
            return new DiffusionModel(parts);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    public ModelFolder folder() {
        return folder;
    }

    /** The folder's name, as A1111 shows a checkpoint's. */
    public String name() {
        return folder.name();
    }

    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    public TextEncoder textEncoder() {
        return textEncoder;
    }

    public UNet unet() {
        return unet;
    }

    public VaeDecoder vaeDecoder() {
        return vaeDecoder;
    }

    public Optional<VaeEncoder> vaeEncoder() {
        return vaeEncoder;
    }

    public Optional<SafetyChecker> safetyChecker() {
        return safetyChecker;
    }

    public SchedulerConfig schedulerConfig() {
        return schedulerConfig;
    }

    public VaeConfig vaeConfig() {
        return vaeConfig;
    }

    /** Nanoseconds spent inside ONNX Runtime across all parts since loading. */
    public long onnxNanos() {
        return parts().stream().mapToLong(OnnxPart::runNanos).sum();
    }

    @Override
    public void close() {
        ModelException failure = null;
        for (OnnxPart part : parts()) {
            try {
                part.close();
            } catch (ModelException e) {
                failure = e;
            }
        }
        rowWorkers.close();
        if (failure != null) {
            throw failure;
        }
    }

    private List<OnnxPart> parts() {
        List<OnnxPart> parts = new ArrayList<>(List.of(textEncoder.part(), unet.part(), vaeDecoder.part()));
        vaeEncoder.ifPresent(v -> parts.add(v.part()));
        safetyChecker.ifPresent(s -> parts.add(s.part()));
        return parts;
    }
}
