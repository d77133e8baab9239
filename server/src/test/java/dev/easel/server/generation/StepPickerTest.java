package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The per-step choice of samples, simulated with counters in place of UNet calls. */
class StepPickerTest {

    /** A simulated sample: how many steps it still has to run. */
    static final class Work {
        final String name;
        int remaining;

        Work(String name, int remaining) {
            this.name = name;
            this.remaining = remaining;
        }
    }

    private final StepPicker<Work> picker = new StepPicker<>(work -> work.remaining);

    /** Runs one step of the loop: picks, advances the picked, retires finished; returns the picked names. */
    private List<String> step(List<Work> resident, int maxBatch) {
        List<Work> picked = picker.pick(resident, maxBatch);
        List<String> names = new ArrayList<>();
        for (Work work : picked) {
            work.remaining--;
            names.add(work.name);
        }
        List<Work> finished = picked.stream().filter(w -> w.remaining == 0).toList();
        resident.removeAll(finished);
        picker.forget(finished);
        return names;
    }

    @Test
    void everyResidentSampleRunsWhenTheyFit() {
        List<Work> resident = new ArrayList<>(List.of(new Work("a", 5), new Work("b", 20), new Work("c", 1)));
        assertThat(step(resident, 3)).containsExactly("a", "b", "c");
        assertThat(resident).extracting(w -> w.name).containsExactly("a", "b");
    }

    @Test
    void aShortNewcomerRunsAtOnceAndFinishesInItsOwnStepsWhileLongOnesWait() {
        List<Work> resident = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            resident.add(new Work("long" + i, 20));
        }
        for (int s = 0; s < 3; s++) {
            step(resident, 4);
        }
        Work lone = new Work("lone", 10);
        resident.add(lone);
        int steps = 0;
        while (resident.contains(lone)) {
            assertThat(step(resident, 4)).contains("lone");
            steps++;
        }
        assertThat(steps).isEqualTo(10);
    }

    @Test
    void ties_keepAdmissionOrder() {
        List<Work> resident =
                new ArrayList<>(List.of(new Work("first", 7), new Work("second", 7), new Work("third", 7)));
        assertThat(step(resident, 2)).containsExactly("first", "second");
    }

    @Test
    void aLongSampleIsNotStarvedByAStreamOfShortOnes() {
        List<Work> resident = new ArrayList<>();
        Work big = new Work("big", 30);
        resident.add(big);
        int newcomers = 0;
        int steps = 0;
        // Two fresh one-step samples arrive every step, exactly filling a batch of 2: without ageing, "big" would never
        // run.
        while (resident.contains(big) && steps < 1000) {
            for (int i = 0; i < 2; i++) {
                resident.add(new Work("short" + newcomers++, 1));
            }
            step(resident, 2);
            steps++;
        }
        assertThat(resident).doesNotContain(big);
        // It overtakes newcomers once it has waited about four times its remaining work, then runs its 30 steps.
        assertThat(steps).isLessThan(5 * 30 + 10);
    }

    @Test
    void overManyRandomRoundsEverySampleRunsExactlyItsStepsAndBatchesStayFull() {
        Random random = new Random(11);
        List<Work> resident = new ArrayList<>();
        Map<String, Integer> ran = new TreeMap<>();
        Map<String, Integer> owed = new TreeMap<>();
        for (int round = 0; round < 400; round++) {
            if (random.nextInt(3) == 0) {
                Work work = new Work("w" + round, 1 + random.nextInt(25));
                owed.put(work.name, work.remaining);
                resident.add(work);
            }
            int before = resident.size();
            List<String> picked = step(resident, 4);
            assertThat(picked).hasSize(Math.min(4, before)).doesNotHaveDuplicates();
            picked.forEach(name -> ran.merge(name, 1, Integer::sum));
        }
        resident.forEach(w -> owed.computeIfPresent(w.name, (name, steps) -> steps - w.remaining));
        owed.values().removeIf(steps -> steps == 0);
        assertThat(ran).isEqualTo(owed);
    }
}
