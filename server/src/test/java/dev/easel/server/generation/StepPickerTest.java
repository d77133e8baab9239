package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The per-step choice of samples, simulated with counters in place of UNet calls. */
class StepPickerTest {

    /** A simulated sample: its job's steps, and how many it still has to run. */
    static final class Work {
        final String name;
        final int steps;
        int remaining;

        Work(String name, int steps) {
            this.name = name;
            this.steps = steps;
            this.remaining = steps;
        }
    }

    /** Short-job batches off (as large as any batch here), to see the ranking alone. */
    private StepPicker<Work> picker = new StepPicker<>(work -> work.remaining, work -> work.steps, 64);

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

    @Test
    void whileAShortJobIsResidentStepsShrinkToTheShortBatchWithItInEach() {
        picker = new StepPicker<>(work -> work.remaining, work -> work.steps, 2);
        List<Work> resident = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            resident.add(new Work("long" + i, 20));
        }
        for (int s = 0; s < 3; s++) {
            assertThat(step(resident, 8)).hasSize(8);
        }
        Work lone = new Work("lone", 10);
        resident.add(lone);
        int steps = 0;
        while (resident.contains(lone)) {
            assertThat(step(resident, 8)).hasSize(2).contains("lone");
            steps++;
        }
        assertThat(steps).isEqualTo(10);
        assertThat(step(resident, 8)).hasSize(8); // back to full batches once it is gone
    }

    @Test
    void jobsOfOneSizeOrMostlyShortOnesKeepFullBatches() {
        picker = new StepPicker<>(work -> work.remaining, work -> work.steps, 1);
        List<Work> uniform = new ArrayList<>();
        List<Work> mostlyShort = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            uniform.add(new Work("u" + i, 20));
            mostlyShort.add(new Work("s" + i, 10));
        }
        mostlyShort.add(new Work("long", 20));
        assertThat(step(uniform, 4)).hasSize(4);
        // The median job is a 10-step one: none is short against it, and the 20-step one is not short either.
        assertThat(step(mostlyShort, 4)).hasSize(4);
    }

    @Test
    void aStreamOfShortJobsSlowsLongOnesDownButCannotStopThem() {
        picker = new StepPicker<>(work -> work.remaining, work -> work.steps, 1);
        List<Work> resident = new ArrayList<>();
        Work big = new Work("big", 20);
        resident.add(big);
        for (int i = 0; i < 3; i++) {
            resident.add(new Work("long" + i, 20));
        }
        int newcomers = 0;
        List<Integer> sizes = new ArrayList<>();
        while (resident.contains(big) && sizes.size() < 10_000) {
            if (resident.stream().noneMatch(w -> w.steps == 2)) {
                resident.add(new Work("short" + newcomers++, 2)); // a short job is always resident
            }
            sizes.add(step(resident, 4).size());
        }
        assertThat(resident).doesNotContain(big);
        // At most 20 (the median job's steps) one-sample steps in a row, then a full one.
        assertThat(sizes).contains(4);
        int inARow = 0;
        for (int size : sizes) {
            inARow = size == 1 ? inARow + 1 : 0;
            assertThat(inARow).isLessThanOrEqualTo(20);
        }
    }

    @Test
    void refusesAShortBatchBelowOne() {
        assertThatThrownBy(() -> new StepPicker<Work>(work -> work.remaining, work -> work.steps, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
