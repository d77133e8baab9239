package dev.easel.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.easel.trainer.graph.FloatTensor;
import dev.easel.trainer.graph.ParameterMaps;
import dev.easel.trainer.net.VaeDecoder;
import dev.easel.trainer.net.VaeEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void anInterruptedRunResumedFromItsCheckpointEndsWhereAnUninterruptedRunEnds(@TempDir Path dir) throws IOException {
        List<float[]> images = randomImages();
        Map<String, FloatTensor> straight;
        List<Float> straightLosses;
        try (NDManager manager = NDManager.newBaseManager()) {
            AutoencoderTask task = tinyTask(manager, images);
            TrainingLoop.TrainingReport report = TrainingLoop.run(task, dir.resolve("straight.ckpt"), 1e9, QUIET);
            straight = ParameterMaps.toHeap(task.decoderParameters());
            straightLosses = report.losses();
        }
        Path checkpoint = dir.resolve("interrupted.ckpt");
        try (NDManager manager = NDManager.newBaseManager()) {
            // same run, stopped after 3 of the 6 steps (its checkpoint records step 3)
            TrainingLoop.run(new StoppedAfter(tinyTask(manager, images), 3), checkpoint, 1e9, QUIET);
        }
        assertThat(Checkpoint.read(checkpoint).step()).isEqualTo(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            AutoencoderTask resumed = tinyTask(manager, images);
            TrainingLoop.TrainingReport report = TrainingLoop.run(resumed, checkpoint, 1e9, QUIET);
            assertThat(report.losses()).hasSize(6);
            // A resumed run restores every float exactly, so it must end bit for bit where the straight run ended.
            assertThat(bits(report.losses())).isEqualTo(bits(straightLosses));
            assertSameWeights(ParameterMaps.toHeap(resumed.decoderParameters()), straight);
        }
        // training changed the loss: the run did something
        assertThat(straightLosses.get(5)).isNotEqualTo(straightLosses.get(0));
    }

    @Test
    void theSameRunGivesBitIdenticalLossesAndWeightsWhereverItsMemoryLies(@TempDir Path dir) throws IOException {
        List<float[]> images = randomImages();
        Map<String, FloatTensor> first;
        List<Float> firstLosses;
        try (NDManager manager = NDManager.newBaseManager()) {
            AutoencoderTask task = tinyTask(manager, images);
            firstLosses = TrainingLoop.run(task, dir.resolve("first.ckpt"), 1e9, QUIET)
                    .losses();
            first = ParameterMaps.toHeap(task.decoderParameters());
        }
        // Shift every later allocation (Java direct buffers and PyTorch's) and collect garbage between steps: a
        // tensor that reads memory it does not own, or a kernel whose result depends on alignment, changes the run.
        List<ByteBuffer> ballast = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            ballast.add(ByteBuffer.allocateDirect(i * 52 + 4));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.zeros(new Shape(3, 7, 13));
            AutoencoderTask task = tinyTask(manager, images);
            List<Float> losses = TrainingLoop.run(new CollectingGarbage(task), dir.resolve("second.ckpt"), 1e9, QUIET)
                    .losses();
            assertThat(bits(losses)).isEqualTo(bits(firstLosses));
            assertSameWeights(ParameterMaps.toHeap(task.decoderParameters()), first);
        }
        assertThat(ballast).hasSize(40);
        assertThat(firstLosses).allMatch(Float::isFinite);
    }

    private static void assertSameWeights(Map<String, FloatTensor> actual, Map<String, FloatTensor> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String name : expected.keySet()) {
            assertThat(actual.get(name).data())
                    .as(name)
                    .containsExactly(expected.get(name).data());
        }
    }

    private static List<Integer> bits(List<Float> values) {
        return values.stream().map(Float::floatToRawIntBits).toList();
    }

    private static AutoencoderTask tinyTask(NDManager manager, List<float[]> images) {
        return new AutoencoderTask(
                new VaeEncoder(new int[] {8, 8}, 4),
                new VaeDecoder(new int[] {8, 8}, 4),
                manager,
                images,
                new TrainingSettings(6, 2, 1e-2f, 5));
    }

    private static List<float[]> randomImages() {
        Random random = new Random(3);
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            float[] image = new float[3 * 8 * 8];
            for (int k = 0; k < image.length; k++) {
                image[k] = random.nextFloat() * 2 - 1;
            }
            images.add(image);
        }
        return images;
    }

    /** The same run, with a full garbage collection before every step (frees every unreachable direct buffer). */
    private record CollectingGarbage(TrainingTask task) implements TrainingTask {
        @Override
        public String name() {
            return task.name();
        }

        @Override
        public int totalSteps() {
            return task.totalSteps();
        }

        @Override
        public Map<String, Map<String, NDArray>> state() {
            return task.state();
        }

        @Override
        public float step(int step) {
            System.gc();
            return task.step(step);
        }
    }

    /** A run killed after {@code stop} steps: same task and schedule, fewer steps executed. */
    private record StoppedAfter(TrainingTask task, int stop) implements TrainingTask {
        @Override
        public String name() {
            return task.name();
        }

        @Override
        public int totalSteps() {
            return stop;
        }

        @Override
        public Map<String, Map<String, NDArray>> state() {
            return task.state();
        }

        @Override
        public float step(int step) {
            return task.step(step);
        }
    }
}
