package dev.easel.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.easel.trainer.graph.FloatTensor;
import dev.easel.trainer.graph.OwnedArrays;
import dev.easel.trainer.graph.ParameterMaps;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a {@link TrainingTask} to its last step: resumes from the task's checkpoint if there is one, writes a new
 * checkpoint every few minutes and at the end, logs progress, and accounts CPU and wall time across resumptions.
 */
public final class TrainingLoop {

    private static final int LOG_EVERY = 50;

    private TrainingLoop() {}

    public static TrainingReport run(TrainingTask task, Path checkpointFile, double checkpointSeconds, PrintStream log)
            throws IOException {
        int start = 0;
        double cpuBefore = 0;
        double wallBefore = 0;
        List<Float> losses = new ArrayList<>();
        if (Files.exists(checkpointFile)) {
            Checkpoint saved = Checkpoint.read(checkpointFile);
            restore(task.state(), saved.groups());
            start = saved.step();
            cpuBefore = saved.cpuSeconds();
            wallBefore = saved.wallSeconds();
            losses.addAll(saved.losses());
            log.printf("%s: resumed at step %d of %d%n", task.name(), start, task.totalSteps());
        }
        Clock clock = new Clock();
        double lastCheckpoint = 0;
        double windowStart = 0;
        for (int step = start; step < task.totalSteps(); step++) {
            try (NDScope scope = new NDScope()) {
                losses.add(task.step(step));
                scope.suppressNotUsedWarning();
            }
            if ((step + 1) % LOG_EVERY == 0) {
                double now = clock.wallSeconds();
                double perStep = (now - windowStart) / LOG_EVERY;
                windowStart = now;
                log.printf(
                        Locale.ROOT,
                        "%s: step %d/%d loss %.5f  %.3f s/step  eta %.1f min%n",
                        task.name(),
                        step + 1,
                        task.totalSteps(),
                        mean(losses.subList(losses.size() - LOG_EVERY, losses.size())),
                        perStep,
                        perStep * (task.totalSteps() - step - 1) / 60);
            }
            boolean last = step + 1 == task.totalSteps();
            if (last || clock.wallSeconds() - lastCheckpoint > checkpointSeconds) {
                lastCheckpoint = clock.wallSeconds();
                Checkpoint checkpoint = snapshot(
                        task, step + 1, cpuBefore + clock.cpuSeconds(), wallBefore + clock.wallSeconds(), losses);
                requireFinite(checkpoint, task.name());
                checkpoint.write(checkpointFile);
            }
        }
        return new TrainingReport(
                task.totalSteps(), cpuBefore + clock.cpuSeconds(), wallBefore + clock.wallSeconds(), losses);
    }

    private static Checkpoint snapshot(TrainingTask task, int step, double cpu, double wall, List<Float> losses) {
        Map<String, Map<String, FloatTensor>> groups = new LinkedHashMap<>();
        task.state().forEach((name, arrays) -> groups.put(name, ParameterMaps.toHeap(arrays)));
        return new Checkpoint(step, cpu, wall, List.copyOf(losses), groups);
    }

    /** Writes saved values into existing arrays (keeping their gradient attachment) or creates missing ones. */
    private static void restore(Map<String, Map<String, NDArray>> state, Map<String, Map<String, FloatTensor>> saved) {
        saved.forEach((groupName, tensors) -> {
            Map<String, NDArray> group = state.get(groupName);
            if (group == null) {
                throw new IllegalStateException("checkpoint has unknown group " + groupName);
            }
            NDArray any = state.values().stream()
                    .flatMap(g -> g.values().stream())
                    .findFirst()
                    .orElseThrow();
            tensors.forEach((name, t) -> {
                NDArray existing = group.get(name);
                if (existing != null) {
                    OwnedArrays.copyInto(existing, t.data());
                } else {
                    NDArray created = OwnedArrays.of(any.getManager(), t.data(), new Shape(t.shape()));
                    NDScope.unregister(created);
                    group.put(name, created);
                }
            });
        });
    }

    /** Refuses to replace the last good checkpoint with diverged weights. */
    private static void requireFinite(Checkpoint checkpoint, String name) {
        for (Map<String, FloatTensor> group : checkpoint.groups().values()) {
            for (Map.Entry<String, FloatTensor> e : group.entrySet()) {
                for (float v : e.getValue().data()) {
                    if (!Float.isFinite(v)) {
                        throw new IllegalStateException(name + " diverged at step " + checkpoint.step() + ": "
                                + e.getKey() + " is not finite; the previous checkpoint is kept");
                    }
                }
            }
        }
    }

    /** Mean of the finite values (a skipped, non-finite step does not hide the others). */
    static float mean(List<Float> values) {
        double sum = 0;
        int n = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return (float) (sum / n);
    }

    /** What a finished run reports for the model card. */
    public record TrainingReport(int steps, double cpuSeconds, double wallSeconds, List<Float> losses) {}
}
