package dev.easel.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;

/** Exponential moving average of parameters; the averaged weights are the ones exported. */
public final class Ema {

    private final Map<String, NDArray> average = new LinkedHashMap<>();
    private final float decay;

    public Ema(float decay) {
        this.decay = decay;
    }

    public Map<String, NDArray> average() {
        return average;
    }

    public void update(Map<String, NDArray> parameters) {
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray shadow = average.get(e.getKey());
            if (shadow == null) {
                NDArray copy = e.getValue().duplicate();
                NDScope.unregister(copy);
                average.put(e.getKey(), copy);
            } else {
                shadow.muli(decay).addi(e.getValue().mul(1 - decay));
            }
        }
    }
}
