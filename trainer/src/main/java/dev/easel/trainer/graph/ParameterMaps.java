package dev.easel.trainer.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies parameter sets between DJL NDArrays and heap tensors (for export and checkpoints). */
public final class ParameterMaps {

    private ParameterMaps() {}

    public static Map<String, FloatTensor> toHeap(Map<String, NDArray> parameters) {
        Map<String, FloatTensor> heap = new LinkedHashMap<>();
        parameters.forEach(
                (name, array) -> heap.put(name, new FloatTensor(array.getShape().getShape(), array.toFloatArray())));
        return heap;
    }

    public static Map<String, NDArray> toDjl(NDManager manager, Map<String, FloatTensor> heap) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        heap.forEach((name, t) -> {
            NDArray array = OwnedArrays.of(manager, t.data(), new Shape(t.shape()));
            array.setName(name);
            arrays.put(name, array);
        });
        return arrays;
    }
}
