package dev.easel.engine.model;

import ai.onnxruntime.OrtEnvironment;
import dev.easel.engine.ModelException;
import dev.easel.engine.scheduler.SchedulerConfig;
import dev.easel.engine.text.ClipTokenizer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Opens every part of a model folder, collecting problems instead of stopping at the first. */
final class ModelParts {
    final ModelFolder folder;
    final List<String> problems = new ArrayList<>();
    final List<OnnxPart> opened = new ArrayList<>();
    RowWorkers rowWorkers;
    ClipTokenizer tokenizer;
    TextEncoder textEncoder;
    UNet unet;
    VaeDecoder vaeDecoder;
    VaeEncoder vaeEncoder;
    SafetyChecker safetyChecker;
    SchedulerConfig schedulerConfig;
    VaeConfig vaeConfig;

    ModelParts(ModelFolder folder) {
        this.folder = folder;
    }

    void open(OrtEnvironment env, OrtSettings settings) {
        if (!Files.isDirectory(folder.root())) {
            throw new InvalidModelException(folder.root().toString(), List.of("not a directory"));
        }
        attempt(folder::checkIndex);
        rowWorkers = new RowWorkers(settings.rowWorkers());
        tokenizer = attempt(() -> ClipTokenizer.load(folder.path(ModelFolder.TOKENIZER)));
        schedulerConfig = attempt(() -> folder.exists(ModelFolder.SCHEDULER_CONFIG)
                ? SchedulerConfig.read(folder.path(ModelFolder.SCHEDULER_CONFIG))
                : SchedulerConfig.stableDiffusionDefaults());
        vaeConfig = attempt(
                () -> VaeConfig.read(folder.path(ModelFolder.VAE_DECODER_CONFIG), ModelFolder.VAE_DECODER_CONFIG));
        textEncoder = attempt(() -> new TextEncoder(part(env, ModelFolder.TEXT_ENCODER, settings)));
        unet = attempt(() -> new UNet(part(env, ModelFolder.UNET, settings)));
        double scaling =
                vaeConfig == null ? VaeConfig.stableDiffusionDefaults().scalingFactor() : vaeConfig.scalingFactor();
        vaeDecoder = attempt(() -> new VaeDecoder(part(env, ModelFolder.VAE_DECODER, settings), scaling));
        if (folder.exists(ModelFolder.VAE_ENCODER)) {
            vaeEncoder = attempt(() -> new VaeEncoder(part(env, ModelFolder.VAE_ENCODER, settings), scaling));
        }
        if (folder.exists(ModelFolder.SAFETY_CHECKER)) {
            safetyChecker = attempt(() -> new SafetyChecker(part(env, ModelFolder.SAFETY_CHECKER, settings)));
        }
        problems.addAll(ModelConsistency.problems(this));
    }

    private OnnxPart part(OrtEnvironment env, String file, OrtSettings settings) {
        OnnxPart part = OnnxPart.open(env, folder.root(), file, settings, rowWorkers);
        opened.add(part);
        return part;
    }

    private <T> T attempt(Supplier<T> step) {
        try {
            return step.get();
        } catch (ModelException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private void attempt(Runnable step) {
        attempt(() -> {
            step.run();
            return null;
        });
    }

    void close() {
        opened.forEach(OnnxPart::close);
        if (rowWorkers != null) {
            rowWorkers.close();
        }
    }
}
