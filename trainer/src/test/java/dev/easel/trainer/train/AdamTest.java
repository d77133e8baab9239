package dev.easel.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void firstStepMovesEachWeightByTheLearningRateAgainstItsGradientSign() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = parameter(manager, 1f, -2f, 3f);
            // loss = sum(w * c): gradient c; Adam's first step is lr * m/sqrt(v) = lr * sign(c) after bias correction
            backward(w, x -> x.mul(manager.create(new float[] {0.5f, -0.25f, 0.001f}))
                    .sum());
            new Adam(1e9f).step(Map.of("w", w), 0.1f, 1);
            float[] after = w.toFloatArray();
            assertThat(after[0]).isCloseTo(0.9f, within(1e-5f));
            assertThat(after[1]).isCloseTo(-1.9f, within(1e-5f));
            assertThat(after[2]).isCloseTo(2.9f, within(1e-4f));
        }
    }

    @Test
    void aNonFiniteGradientIsSkippedAndDoesNotPoisonTheNextStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = parameter(manager, 1f, 2f);
            Adam adam = new Adam(1f);
            backward(w, x -> x.mul(Float.POSITIVE_INFINITY).sum());
            assertThat(adam.step(Map.of("w", w), 0.1f, 1)).isFalse();
            assertThat(w.toFloatArray()).containsExactly(1f, 2f);

            backward(w, x -> x.sum());
            assertThat(adam.step(Map.of("w", w), 0.1f, 1)).isTrue();
            assertThat(w.toFloatArray()[0]).isCloseTo(0.9f, within(1e-5f));
            assertThat(w.toFloatArray()[1]).isCloseTo(1.9f, within(1e-5f));
        }
    }

    private static NDArray parameter(NDManager manager, float... values) {
        NDArray w = manager.create(values);
        w.setRequiresGradient(true);
        return w;
    }

    private static void backward(NDArray w, Function<NDArray, NDArray> loss) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(loss.apply(w));
        }
    }
}
