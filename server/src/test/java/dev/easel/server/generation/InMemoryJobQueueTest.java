package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryJobQueueTest {
    private static QueuedJob job(String id, long owner, int priority) {
        return new QueuedJob(id, owner, "m", priority, 1, Instant.now());
    }

    private static List<String> drain(JobQueue queue) {
        List<String> order = new ArrayList<>();
        QueuedJob next;
        while ((next = queue.poll("m")) != null) {
            order.add(next.id());
        }
        return order;
    }

    @Test
    void usersTakeTurnsWithinAPriorityAndHigherPriorityGoesFirst() {
        JobQueue queue = new InMemoryJobQueue(100);
        queue.offer(job("a1", 1, 0));
        queue.offer(job("a2", 1, 0));
        queue.offer(job("a3", 1, 0));
        queue.offer(job("b1", 2, 0));
        queue.offer(job("c1", 3, 0));
        queue.offer(job("c2", 3, 0));
        queue.offer(job("urgent", 2, 5));
        assertThat(queue.position("urgent")).isZero();
        assertThat(queue.position("a2")).isEqualTo(4);
        assertThat(drain(queue)).containsExactly("urgent", "a1", "b1", "c1", "a2", "c2", "a3");
    }

    @Test
    void isBoundedAndRemovable() {
        JobQueue queue = new InMemoryJobQueue(2);
        assertThat(queue.offer(job("x", 1, 0))).isTrue();
        assertThat(queue.offer(job("y", 1, 0))).isTrue();
        assertThat(queue.offer(job("z", 1, 0))).as("full").isFalse();
        queue.restore(job("recovered", 1, 0));
        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.remove("x")).isTrue();
        assertThat(queue.remove("x")).isFalse();
        assertThat(queue.position("x")).isEqualTo(-1);
        assertThat(drain(queue)).containsExactly("y", "recovered");
    }

    @Test
    void modelsHaveSeparateLanesAndTakeWaits() throws InterruptedException {
        JobQueue queue = new InMemoryJobQueue(10);
        queue.offer(new QueuedJob("other", 1, "n", 0, 1, Instant.now()));
        assertThat(queue.poll("m")).isNull();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.offer(job("late", 1, 0));
        });
        assertThat(queue.take("m", Duration.ofSeconds(5)))
                .extracting(QueuedJob::id)
                .isEqualTo("late");
        assertThat(queue.take("m", Duration.ofMillis(10))).isNull();
    }

    @Test
    void expiresJobsThatWaitedTooLong() {
        JobQueue queue = new InMemoryJobQueue(10);
        queue.offer(new QueuedJob("old", 1, "m", 0, 1, Instant.now().minusSeconds(600)));
        queue.offer(job("new", 1, 0));
        assertThat(queue.expire(Instant.now().minusSeconds(60)))
                .extracting(QueuedJob::id)
                .containsExactly("old");
        assertThat(drain(queue)).containsExactly("new");
    }
}
