package dev.easel.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowWorkersTest {
    private static List<Integer> rows(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    private static List<Integer> doubled(List<Integer> chunk) {
        return chunk.stream().map(row -> row * 2).toList();
    }

    @Test
    void partsRunAtTheSameTimeOnDifferentThreadsAndComeBackInOrder() {
        try (RowWorkers workers = new RowWorkers(3)) {
            // Each part waits for the other two: the map finishes only if all three run at once.
            CyclicBarrier together = new CyclicBarrier(3);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<List<Integer>> chunks = Collections.synchronizedList(new ArrayList<>());
            List<Integer> out = workers.map(rows(8), 0, chunk -> {
                threads.add(Thread.currentThread().getName());
                chunks.add(chunk);
                await(together);
                return doubled(chunk);
            });

            assertThat(out).containsExactly(0, 2, 4, 6, 8, 10, 12, 14);
            assertThat(threads).hasSize(3).contains(Thread.currentThread().getName());
            assertThat(chunks).extracting(List::size).containsExactlyInAnyOrder(3, 3, 2);
        }
    }

    @Test
    void aModelsFixedBatchIsKeptInEveryPart() {
        try (RowWorkers workers = new RowWorkers(2)) {
            List<List<Integer>> calls = Collections.synchronizedList(new ArrayList<>());
            List<Integer> out = workers.map(rows(5), 2, chunk -> {
                calls.add(chunk);
                return doubled(chunk);
            });

            assertThat(out).containsExactly(0, 2, 4, 6, 8);
            // Three chunks of two (the last padded with its last row), two on one worker and one on the other.
            assertThat(calls).hasSize(3).allSatisfy(chunk -> assertThat(chunk).hasSize(2));
            assertThat(calls).contains(List.of(4, 4));
        }
    }

    @Test
    void fewerRowsThanWorkersUseOneWorkerPerRowAndOneRowStaysOnTheCaller() {
        try (RowWorkers workers = new RowWorkers(4)) {
            AtomicInteger calls = new AtomicInteger();
            assertThat(workers.map(rows(2), 0, chunk -> {
                        calls.incrementAndGet();
                        return doubled(chunk);
                    }))
                    .containsExactly(0, 2);
            assertThat(calls).hasValue(2);

            Set<String> threads = ConcurrentHashMap.newKeySet();
            workers.map(rows(1), 0, chunk -> {
                threads.add(Thread.currentThread().getName());
                return doubled(chunk);
            });
            assertThat(threads).containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void aFailingPartFailsTheCallOnlyAfterTheOtherPartsHaveEnded() {
        try (RowWorkers workers = new RowWorkers(2)) {
            AtomicInteger finished = new AtomicInteger();
            assertThatThrownBy(() -> workers.map(rows(4), 0, chunk -> {
                        if (chunk.contains(0)) {
                            throw new IllegalStateException("row 0 is bad");
                        }
                        sleep(200);
                        finished.incrementAndGet();
                        return doubled(chunk);
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("row 0 is bad");
            assertThat(finished).hasValue(1);

            assertThatThrownBy(() -> workers.map(rows(4), 0, chunk -> {
                        if (chunk.contains(3)) {
                            throw new IllegalStateException("row 3 is bad");
                        }
                        return doubled(chunk);
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("row 3 is bad");
        }
    }

    @Test
    void refusesNoWorkers() {
        assertThatThrownBy(() -> new RowWorkers(0)).hasMessageContaining("row workers must be >= 1");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the parts did not run at the same time", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
