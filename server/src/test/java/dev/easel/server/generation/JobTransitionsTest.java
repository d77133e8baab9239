package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Job state changes against a real database: each is conditional on the state it expects. */
class JobTransitionsTest {
    private JobRepository repository(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("insert into users (username, display_name, role, created_at) values ('ann', 'Ann', 'USER', ?)")
                .param(java.sql.Timestamp.from(Instant.now()))
                .update();
        return new JobRepository(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private static Job queued() {
        JobRequest request = new JobRequest("tiny", "red cat", "", 32, 32, 4, 7, "Euler a", 5, 1, null, 0, 0);
        return new Job(
                UUID.randomUUID().toString(),
                1,
                JobState.QUEUED,
                request,
                null,
                5,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null,
                null,
                null,
                null,
                List.of());
    }

    private record Fixture(JobRepository jobs, JobEvents events, InMemoryJobQueue queue, JobTransitions transitions) {}

    private Fixture fixture(Kind kind, int queueCapacity) {
        JobRepository jobs = repository(TestDatabases.create(kind));
        JobEvents events = new JobEvents();
        InMemoryJobQueue queue = new InMemoryJobQueue(queueCapacity);
        return new Fixture(jobs, events, queue, new JobTransitions(jobs, events, new InFlightResults(), queue));
    }

    private static Job keyed(String key) {
        Job job = queued();
        return new Job(
                job.id(),
                job.ownerId(),
                job.state(),
                job.request(),
                key,
                job.seed(),
                job.createdAt(),
                null,
                null,
                null,
                null,
                List.of());
    }

    @Test
    void theStateMachineAllowsOnlyTheseMoves() {
        assertThat(JobState.QUEUED.canMoveTo(JobState.RUNNING)).isTrue();
        assertThat(JobState.QUEUED.canMoveTo(JobState.DONE))
                .as("a follower gets its leader's images")
                .isTrue();
        assertThat(JobState.RUNNING.canMoveTo(JobState.QUEUED)).as("recovered").isTrue();
        assertThat(JobState.RUNNING.canMoveTo(JobState.CANCELED)).isTrue();
        for (JobState end : List.of(JobState.DONE, JobState.FAILED, JobState.CANCELED)) {
            assertThat(JobState.values()).noneMatch(end::canMoveTo);
        }
        assertThat(JobState.QUEUED.canMoveTo(JobState.QUEUED)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStartThatMatchesNoQueuedJobIsSkipped(Kind kind) {
        Fixture f = fixture(kind, 8);
        Job job = queued();
        f.transitions().submitted(job);
        assertThat(f.transitions().start(job.id())).isPresent();
        assertThat(f.transitions().start(job.id()))
                .as("a job queued twice (recovery racing a submission) must be computed once")
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aChangeThatLostTheRaceHasNoEffects(Kind kind) throws Exception {
        Fixture f = fixture(kind, 8);
        Job job = queued();
        f.transitions().submitted(job);
        List<JobEvent> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = f.events().subscribe(job.id(), seen::add)) {
            assertThat(f.transitions().cancel(job.id(), JobState.QUEUED)).isTrue();
            assertThat(f.transitions().start(job.id())).isEmpty();
            List<JobImage> images = List.of(new JobImage(0, 5, "a".repeat(64), false, "p"));
            assertThat(f.transitions().finish(job.id(), JobState.RUNNING, images, "1"))
                    .isFalse();
            assertThat(f.transitions().fail(job.id(), JobState.QUEUED, "late")).isFalse();
            await(() -> !seen.isEmpty());
        }
        Job stored = f.jobs().find(job.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(JobState.CANCELED);
        assertThat(stored.images()).isEmpty();
        assertThat(seen).extracting(JobEvent::type).containsExactly("canceled");
        assertThatThrownBy(() -> f.transitions().fail(job.id(), JobState.DONE, "from DONE"))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLeaderThatFindsTheQueueFullLeadsNothing(Kind kind) {
        Fixture f = fixture(kind, 1);
        Job filler = queued();
        f.transitions().submitted(filler);
        assertThat(f.transitions().dispatch(filler)).isTrue();

        Job leader = keyed("same request");
        f.transitions().submitted(leader);
        assertThat(f.transitions().dispatch(leader)).as("queue full").isFalse();
        assertThat(f.jobs().find(leader.id()).orElseThrow().state()).isEqualTo(JobState.FAILED);

        // The client retries once there is room: its job runs instead of following the failed one.
        assertThat(f.queue().remove(filler.id())).isTrue();
        Job retry = keyed("same request");
        f.transitions().submitted(retry);
        assertThat(f.transitions().dispatch(retry)).isTrue();
        assertThat(f.queue().position(retry.id())).isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void followersGetTheLeadersImagesOrRunThemselvesEvenPastCapacity(Kind kind) {
        Fixture f = fixture(kind, 1);
        Job leader = keyed("k");
        Job follower = keyed("k");
        Job other = keyed("k");
        for (Job job : List.of(leader, follower)) {
            f.transitions().submitted(job);
            assertThat(f.transitions().dispatch(job)).isTrue();
        }
        assertThat(f.queue().position(follower.id())).as("follows, not queued").isEqualTo(-1);
        assertThat(f.transitions().start(f.queue().poll("tiny").id())).isPresent();
        f.transitions().submitted(other);
        assertThat(f.transitions().dispatch(other)).isTrue();

        Job filler = queued();
        f.transitions().submitted(filler);
        assertThat(f.transitions().dispatch(filler)).isTrue();
        assertThat(f.transitions().fail(leader.id(), JobState.RUNNING, "boom")).isTrue();
        assertThat(f.queue().position(follower.id()))
                .as("accepted, so queued past the capacity")
                .isGreaterThanOrEqualTo(0);
        assertThat(f.queue().position(other.id()))
                .as("now follows the new leader")
                .isEqualTo(-1);

        assertThat(f.queue().remove(follower.id())).isTrue();
        assertThat(f.transitions().start(follower.id())).isPresent();
        List<JobImage> images = List.of(new JobImage(0, 5, "a".repeat(64), false, "p"));
        assertThat(f.transitions().finish(follower.id(), JobState.RUNNING, images, "1"))
                .isTrue();
        Job served = f.jobs().find(other.id()).orElseThrow();
        assertThat(served.state()).isEqualTo(JobState.DONE);
        assertThat(served.images()).isEqualTo(images);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
