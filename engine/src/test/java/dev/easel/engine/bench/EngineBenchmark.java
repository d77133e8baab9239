package dev.easel.engine.bench;

import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.OrtSettings;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.Generator;
import dev.easel.engine.pipeline.ProgressListener;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.engine.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the engine's overhead (wall time outside ONNX Runtime calls) and throughput at batch 1, 2, 4 and 8.
 *
 * <p>Run: {@code ./mvnw -q -pl engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.easel.engine.bench.EngineBenchmark [-Dexec.args="MODEL_DIR [SIZE [THREADS [SPINNING [ROWS]]]]"]}.
 * Without arguments it builds the benchmark fixture model (random weights, sized to take real time). {@code THREADS} is
 * ONNX Runtime's intra-op thread count per call (default 1; 0: one per core), {@code SPINNING} whether its idle threads
 * busy-wait (default true; the server turns it off), {@code ROWS} how many calls at once a batch's rows are split into
 * (default: one per core).
 */
public final class EngineBenchmark {
    private static final int STEPS = 20;
    private static final int REPEATS = 3;

    private EngineBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path modelDir = args.length > 0
                ? Path.of(args[0])
                : TinyModels.benchmarkModel(
                        Files.createTempDirectory("easel-bench").resolve("bench"));
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        OrtSettings settings = OrtSettings.defaults();
        if (args.length > 2) {
            settings = settings.withIntraOpThreads(Integer.parseInt(args[2]));
        }
        if (args.length > 3) {
            settings = settings.withSpinning(Boolean.parseBoolean(args[3]));
        }
        if (args.length > 4) {
            settings = settings.withRowWorkers(Integer.parseInt(args[4]));
        }
        try (DiffusionModel model = DiffusionModel.load(modelDir, settings)) {
            Generator generator = new Generator(model);
            System.out.printf(
                    "model %s, %dx%d, %d steps, Euler a, CFG 7, %d cores, intra-op threads %d, spinning %s, row workers %d%n",
                    model.name(),
                    size,
                    size,
                    STEPS,
                    Runtime.getRuntime().availableProcessors(),
                    settings.intraOpThreads(),
                    settings.spinning(),
                    settings.rowWorkers());
            run(generator, model, size, 1); // warm-up: first runs pay for ONNX Runtime's allocations
            System.out.println("batch  s/image  images/s  onnx share  engine overhead");
            for (int batch : new int[] {1, 2, 4, 8}) {
                long wall = 0;
                long onnx = 0;
                for (int r = 0; r < REPEATS; r++) {
                    long onnxBefore = model.onnxNanos();
                    wall += run(generator, model, size, batch);
                    onnx += model.onnxNanos() - onnxBefore;
                }
                double seconds = wall / 1e9 / REPEATS;
                double overhead = 1 - (double) onnx / wall;
                System.out.printf(
                        "%5d  %7.3f  %8.2f  %9.1f%%  %14.2f%%%n",
                        batch, seconds / batch, batch / seconds, 100.0 * onnx / wall, 100 * overhead);
            }
        }
    }

    private static long run(Generator generator, DiffusionModel model, int size, int batch) {
        GenerationRequest request = GenerationRequest.of("a red heart on a blue background", size, size)
                .withSteps(STEPS)
                .withSampler(Sampler.EULER_A)
                .withSeed(1)
                .withCount(batch);
        long start = System.nanoTime();
        generator.generate(request, ProgressListener.NONE);
        return System.nanoTime() - start;
    }
}
