package dev.easel.server.generation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Chooses which resident samples share the next UNet call: the least remaining work first, so a small request that
 * arrives while long ones run is not slowed down by all of them, with ageing, so a sample passed over again and again
 * still gets its turn.
 *
 * <p>A sample's rank is {@code 4 × remaining steps − steps it was passed over}; lower runs first, ties in admission
 * order. Running lowers the rank by 4 per step, waiting by 1: a newcomer with fewer steps left runs ahead of samples
 * that have waited a while, yet a waiting sample overtakes every newcomer after at most four times its remaining
 * steps: no starvation.
 *
 * <p>Short jobs: on a CPU every sample added to a step makes that step slower for all in it, so a small request among
 * large ones would take several times its unloaded time even when it runs at every step. A sample is short when its
 * job has at most half the steps of the median resident sample; while one is resident, steps shrink to
 * {@code shortBatch} samples, short ones first. Such steps do not count as passing the others over, and at most
 * the median number of steps run so in a row before one full step: a stream of short jobs slows long ones down but
 * cannot stop them. Workloads of one size never shrink the batch.
 */
final class StepPicker<S> {
    private static final int AGEING_WEIGHT = 4;

    private final Map<S, Integer> passedOver = new IdentityHashMap<>();
    private final ToIntFunction<S> remainingSteps;
    private final ToIntFunction<S> totalSteps;
    private final int shortBatch;
    private int shortStepsInARow;

    /**
     * @param remainingSteps steps a sample still has to run
     * @param totalSteps steps its job runs in all
     * @param shortBatch samples per step while a short sample is resident; at least the batch size turns that off
     */
    StepPicker(ToIntFunction<S> remainingSteps, ToIntFunction<S> totalSteps, int shortBatch) {
        if (shortBatch < 1) {
            throw new IllegalArgumentException("short-job batch must be at least 1, got " + shortBatch);
        }
        this.remainingSteps = remainingSteps;
        this.totalSteps = totalSteps;
        this.shortBatch = shortBatch;
    }

    /** Up to {@code maxBatch} of {@code resident} (in admission order) for the next step. */
    List<S> pick(List<S> resident, int maxBatch) {
        if (shortBatch < maxBatch && resident.size() > shortBatch) {
            Set<S> shortOnes = shortSamples(resident);
            if (!shortOnes.isEmpty()) {
                shortStepsInARow++;
                return ranked(resident, shortOnes).subList(0, shortBatch);
            }
        }
        shortStepsInARow = 0;
        if (resident.size() <= maxBatch) {
            return new ArrayList<>(resident);
        }
        List<S> ranked = ranked(resident, Set.of());
        for (S sample : ranked.subList(maxBatch, ranked.size())) {
            passedOver.merge(sample, 1, Integer::sum);
        }
        return ranked.subList(0, maxBatch);
    }

    void forget(List<S> samples) {
        samples.forEach(passedOver::remove);
    }

    void clear() {
        passedOver.clear();
        shortStepsInARow = 0;
    }

    /** Short samples first, then by rank; stable, so ties keep admission order. */
    private List<S> ranked(List<S> resident, Set<S> shortOnes) {
        List<S> ranked = new ArrayList<>(resident);
        ranked.sort(
                Comparator.comparing((S sample) -> !shortOnes.contains(sample)).thenComparingInt(this::rank));
        return ranked;
    }

    /** The short samples, or none when {@code median} short steps already ran in a row. */
    private Set<S> shortSamples(List<S> resident) {
        int[] totals = resident.stream().mapToInt(totalSteps).sorted().toArray();
        int median = totals[totals.length / 2];
        if (shortStepsInARow >= median) {
            return Set.of();
        }
        Set<S> shortOnes = Collections.newSetFromMap(new IdentityHashMap<>());
        for (S sample : resident) {
            if (2 * totalSteps.applyAsInt(sample) <= median) {
                shortOnes.add(sample);
            }
        }
        return shortOnes;
    }

    private int rank(S sample) {
        return AGEING_WEIGHT * remainingSteps.applyAsInt(sample) - passedOver.getOrDefault(sample, 0);
    }
}
