package dev.easel.server.models;

import dev.easel.engine.ModelException;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.InvalidModelException;
import dev.easel.engine.model.OrtSettings;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.TooManyRequestsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Checks an unpacked model with the engine, the way {@code easel models check} does: loads every part and collects
 * every problem. The load runs on a thread with a large stack because ONNX Runtime's graph optimizer can recurse deeply.
 * A load holds the model in memory, so at most {@code easel.models.max-concurrent-validations} run at once.
 */
@Component
class ModelValidator {
    private static final long NATIVE_STACK_BYTES = 32L << 20;
    /** A model check takes seconds to minutes; asking again sooner would only be refused again. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final ModelProperties limits;
    private final Semaphore slots;

    ModelValidator(ModelProperties limits) {
        this.limits = limits;
        this.slots = new Semaphore(limits.maxConcurrentValidations(), true);
    }

    /**
     * @throws FieldException on {@code file} listing the engine's reasons when the folder is no usable model
     * @throws TooManyRequestsException when no check slot frees up within {@code easel.models.validation-wait}
     */
    void check(Path folder) {
        acquireSlot();
        try {
            CompletableFuture<Void> checked = new CompletableFuture<>();
            Thread.ofPlatform()
                    .name("easel-model-check")
                    .stackSize(NATIVE_STACK_BYTES)
                    .start(() -> {
                        // Throwable: an Error left uncaught here would leave the request waiting forever.
                        try {
                            load(folder);
                            checked.complete(null);
                        } catch (Throwable e) {
                            checked.completeExceptionally(e);
                        }
                    });
            checked.join();
        } catch (CompletionException e) {
            throw refusal(e.getCause(), folder);
        } finally {
            slots.release();
        }
    }

    /** Loads the model with the engine and closes it again; throws what the engine finds. */
    void load(Path folder) {
        DiffusionModel.load(folder, OrtSettings.defaults()).close();
    }

    private void acquireSlot() {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(limits.validationWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new TooManyRequestsException(
                    "other model uploads are being checked (at most " + limits.maxConcurrentValidations()
                            + " at once); try again shortly",
                    RETRY_AFTER);
        }
    }

    /** The model's faults are a 400 on {@code file}; anything else is the server's and propagates (500). */
    private static RuntimeException refusal(Throwable cause, Path folder) {
        String prefix = folder.toString() + "/";
        if (cause instanceof InvalidModelException invalid) {
            List<String> problems =
                    invalid.problems().stream().map(p -> p.replace(prefix, "")).toList();
            return new FieldException(
                    SafeUnzip.FIELD,
                    "the model is not valid: " + problems.size() + " problem(s): " + String.join("; ", problems));
        }
        if (cause instanceof ModelException failed) {
            return new FieldException(
                    SafeUnzip.FIELD,
                    "the model is not valid: " + failed.getMessage().replace(prefix, ""));
        }
        if (cause instanceof StackOverflowError) {
            // The loader recursed through the uploaded graph past a 32 MB stack: the graph's fault, not the server's.
            return new FieldException(SafeUnzip.FIELD, "the model could not be loaded: its graph is too deeply nested");
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("checking the uploaded model failed", cause);
    }
}
