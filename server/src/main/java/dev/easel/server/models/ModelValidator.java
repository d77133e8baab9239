package dev.easel.server.models;

import dev.easel.engine.ModelException;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.InvalidModelException;
import dev.easel.engine.model.OrtSettings;
import dev.easel.server.api.FieldException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * Checks an unpacked model with the engine, the way {@code easel models check} does: loads every part and collects
 * every problem. The load runs on a thread with a large stack because ONNX Runtime's graph optimizer can recurse deeply.
 */
@Component
class ModelValidator {
    private static final long NATIVE_STACK_BYTES = 32L << 20;

    /** @throws FieldException on {@code file} listing the engine's reasons when the folder is no usable model */
    void check(Path folder) {
        CompletableFuture<Void> checked = new CompletableFuture<>();
        Thread.ofPlatform()
                .name("easel-model-check")
                .stackSize(NATIVE_STACK_BYTES)
                .start(() -> {
                    try {
                        DiffusionModel.load(folder, OrtSettings.defaults()).close();
                        checked.complete(null);
                    } catch (RuntimeException e) {
                        checked.completeExceptionally(e);
                    }
                });
        try {
            checked.join();
        } catch (CompletionException e) {
            String prefix = folder.toString() + "/";
            if (e.getCause() instanceof InvalidModelException invalid) {
                List<String> problems = invalid.problems().stream()
                        .map(p -> p.replace(prefix, ""))
                        .toList();
                throw new FieldException(
                        SafeUnzip.FIELD,
                        "the model is not valid: " + problems.size() + " problem(s): " + String.join("; ", problems));
            }
            if (e.getCause() instanceof ModelException failed) {
                throw new FieldException(
                        SafeUnzip.FIELD,
                        "the model is not valid: " + failed.getMessage().replace(prefix, ""));
            }
            throw e;
        }
    }
}
