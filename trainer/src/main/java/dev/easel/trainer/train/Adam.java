package dev.easel.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with global gradient-norm clipping, updating parameters in place (outside the gradient collector, where
 * PyTorch's grad mode is off). Moments are kept per parameter name so they can be checkpointed.
 */
public final class Adam {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private final float clipNorm;

    public Adam(float clipNorm) {
        this.clipNorm = clipNorm;
    }

    public Map<String, NDArray> firstMoments() {
        return firstMoments;
    }

    public Map<String, NDArray> secondMoments() {
        return secondMoments;
    }

    /**
     * One update with learning rate {@code lr}; {@code step} counts from 1. Clears the gradients afterwards. A batch
     * whose gradient is not finite is skipped (returns false): one overflow must not turn every weight into NaN.
     */
    public boolean step(Map<String, NDArray> parameters, float lr, int step) {
        double squaredNorm = 0;
        for (NDArray p : parameters.values()) {
            squaredNorm += p.getGradient().square().sum().getFloat();
        }
        if (!Double.isFinite(squaredNorm)) {
            parameters.values().forEach(Adam::clearGradient);
            return false;
        }
        float clip = (float) Math.min(1.0, clipNorm / (Math.sqrt(squaredNorm) + 1e-6));
        float correction1 = 1 - (float) Math.pow(BETA1, step);
        float correction2 = 1 - (float) Math.pow(BETA2, step);
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray p = e.getValue();
            NDArray grad = p.getGradient().mul(clip);
            NDArray m = firstMoments.computeIfAbsent(e.getKey(), k -> persistent(p.zerosLike()));
            NDArray v = secondMoments.computeIfAbsent(e.getKey(), k -> persistent(p.zerosLike()));
            m.muli(BETA1).addi(grad.mul(1 - BETA1));
            v.muli(BETA2).addi(grad.square().muli(1 - BETA2));
            NDArray update =
                    m.div(correction1).divi(v.div(correction2).sqrt().addi(EPS)).muli(lr);
            p.subi(update);
            clearGradient(p);
        }
        return true;
    }

    /** Overwrites (rather than multiplies by zero, which keeps inf and NaN) the accumulated gradient. */
    private static void clearGradient(NDArray parameter) {
        parameter.getGradient().set(new NDIndex("..."), 0);
    }

    private static NDArray persistent(NDArray array) {
        NDScope.unregister(array);
        return array;
    }
}
