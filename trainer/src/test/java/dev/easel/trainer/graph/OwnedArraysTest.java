package dev.easel.trainer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class OwnedArraysTest {

    @Test
    void copyIntoWritesTheValuesAndKeepsTheArraysIdentityAndGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray parameter = OwnedArrays.of(manager, new float[] {1, 2, 3, 4}, new Shape(2, 2));
            parameter.setRequiresGradient(true);
            NDArray view = parameter.reshape(4);

            OwnedArrays.copyInto(parameter, new float[] {5, 6, 7, 8});
            System.gc();

            assertThat(parameter.toFloatArray()).containsExactly(5, 6, 7, 8);
            assertThat(parameter.getShape()).isEqualTo(new Shape(2, 2));
            assertThat(parameter.hasGradient()).isTrue();
            // written into the storage the parameter already had, so its views see the new values
            assertThat(view.toFloatArray()).containsExactly(5, 6, 7, 8);
        }
    }

    @Test
    void arraysOfEveryTypeCarryTheirValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(OwnedArrays.of(manager, new int[] {3, -1}, new Shape(2)).toIntArray())
                    .containsExactly(3, -1);
            assertThat(OwnedArrays.of(manager, new long[] {999, 17}, new Shape(2))
                            .toLongArray())
                    .containsExactly(999, 17);
            assertThat(OwnedArrays.of(manager, new float[] {0.5f}, new Shape(1)).toFloatArray())
                    .containsExactly(0.5f);
        }
    }
}
