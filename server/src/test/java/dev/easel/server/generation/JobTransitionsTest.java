package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.EaselProperties;
import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Job state changes against a real database: each is conditional on the state it expects. */
class JobTransitionsTest {
    @TempDir
    Path dir;

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

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStartThatMatchesNoQueuedJobIsSkipped(Kind kind) {
        JobRepository jobs = repository(TestDatabases.create(kind));
        JobEvents events = new JobEvents();
        InMemoryJobQueue queue = new InMemoryJobQueue(8);
        JobLifecycle lifecycle = new JobLifecycle(
                jobs,
                events,
                new BlobStore(new EaselProperties(dir, dir, dir)),
                new InFlightResults(jobs, events, queue),
                new GenerationProperties(null, null, null, null, null, null, null, null, null, null, null, null, null),
                new SimpleMeterRegistry());
        Job job = queued();
        jobs.insert(job);
        assertThat(lifecycle.start(job.id())).isNotNull();
        assertThat(lifecycle.start(job.id()))
                .as("a job queued twice (recovery racing a submission) must be computed once")
                .isNull();
    }
}
