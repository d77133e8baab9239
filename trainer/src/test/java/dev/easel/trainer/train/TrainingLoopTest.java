package dev.easel.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.easel.trainer.graph.FloatTensor;
import dev.easel.trainer.graph.ParameterMaps;
import dev.easel.trainer.net.VaeDecoder;
import dev.easel.trainer.net.VaeEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
            for (int i = 0; i < 6; i++) {
                assertThat(report.losses().get(i)).isCloseTo(straightLosses.get(i), offset(1e-5f));
            }
            Map<String, FloatTensor> after = ParameterMaps.toHeap(resumed.decoderParameters());
            for (String name : straight.keySet()) {
                float[] a = straight.get(name).data();
                float[] b = after.get(name).data();
                for (int k = 0; k < a.length; k++) {
                    assertThat(b[k]).as(name).isCloseTo(a[k], offset(1e-5f));
                }
            }
        }
        // training changed the loss: the run did something
        assertThat(straightLosses.get(5)).isNotEqualTo(straightLosses.get(0));
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
