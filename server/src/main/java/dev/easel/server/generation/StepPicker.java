package dev.easel.server.generation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Chooses which resident samples share the next UNet call when more are resident than fit in one: the least remaining
 * work first, so a small request that arrives while long ones run is not slowed down by all of them, with ageing, so a
 * sample passed over again and again still gets its turn.
 *
 * <p>A sample's rank is {@code 4 × remaining steps − steps it was passed over}; lower runs first, ties in admission
 * order. Running lowers the rank by 4 per step, waiting by 1: a newcomer with fewer steps left runs ahead of samples
 * that have waited a while, yet a waiting sample overtakes every newcomer after at most four times its remaining
 * steps: no starvation.
 */
final class StepPicker<S> {
    private static final int AGEING_WEIGHT = 4;

    private final Map<S, Integer> passedOver = new IdentityHashMap<>();
    private final ToIntFunction<S> remainingSteps;

    StepPicker(ToIntFunction<S> remainingSteps) {
        this.remainingSteps = remainingSteps;
    }

    /** Up to {@code maxBatch} of {@code resident} (in admission order) for the next step. */
    List<S> pick(List<S> resident, int maxBatch) {
        if (resident.size() <= maxBatch) {
            return new ArrayList<>(resident);
        }
        List<S> ranked = new ArrayList<>(resident);
        ranked.sort(Comparator.comparingInt(this::rank)); // stable: ties keep admission order
        List<S> chosen = new ArrayList<>(ranked.subList(0, maxBatch));
        for (S sample : ranked.subList(maxBatch, ranked.size())) {
            passedOver.merge(sample, 1, Integer::sum);
        }
        return chosen;
    }

    void forget(List<S> samples) {
        samples.forEach(passedOver::remove);
    }

    void clear() {
        passedOver.clear();
    }

    private int rank(S sample) {
        return AGEING_WEIGHT * remainingSteps.applyAsInt(sample) - passedOver.getOrDefault(sample, 0);
    }
}
