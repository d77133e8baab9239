package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The same job persistence on the embedded default (H2) and on PostgreSQL. */
class JobRepositoryTest {

    private static JobRepository repository(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("insert into users (username, display_name, role, created_at) values ('ann', 'Ann', 'USER', ?)")
                .param(java.sql.Timestamp.from(Instant.now()))
                .update();
        return new JobRepository(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private static Job queued(String key, Instant created) {
        JobRequest request = new JobRequest("tiny", "red cat", "", 32, 32, 4, 7, "Euler a", 5, 2, null, 0, 0);
        return new Job(
                UUID.randomUUID().toString(),
                1,
                JobState.QUEUED,
                request,
                key,
                5,
                created,
                null,
                null,
                null,
                null,
                List.of());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void jobsGoThroughTheirLifecycle(Kind kind) {
        JobRepository jobs = repository(TestDatabases.create(kind));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Job job = queued("k1", now);
        jobs.insert(job);
        assertThat(jobs.find(job.id())).get().satisfies(found -> {
            assertThat(found.state()).isEqualTo(JobState.QUEUED);
            assertThat(found.request()).isEqualTo(job.request());
            assertThat(found.createdAt()).isEqualTo(now);
        });
        assertThat(jobs.countInFlight(1)).isEqualTo(1);
        assertThat(jobs.unfinished()).extracting(Job::id).containsExactly(job.id());

        List<JobImage> images = List.of(
                new JobImage(0, 5, "a".repeat(64), false, "p0"), new JobImage(1, 6, "b".repeat(64), true, "p1"));
        assertThat(jobs.claim("tiny", "n1", 8, 7L, now, now.plusSeconds(30)))
                .extracting(Job::id, Job::node, Job::attempts, Job::claimToken)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(job.id(), "n1", 1, 7L));
        assertThat(jobs.claim("tiny", "n1", 8, 8L, now, now.plusSeconds(30)))
                .as("claimed once")
                .isEmpty();
        assertThat(jobs.complete(job.id(), JobState.QUEUED, null, images, "2,3", now))
                .as("not QUEUED any more")
                .isFalse();
        assertThat(jobs.complete(job.id(), JobState.RUNNING, 8L, images, "2,3", now))
                .as("not under another claim's token")
                .isFalse();
        assertThat(jobs.complete(job.id(), JobState.RUNNING, 7L, images, "2,3", now))
                .isTrue();
        assertThat(jobs.complete(job.id(), JobState.RUNNING, 7L, images, "2,3", now))
                .as("a DONE job never completes twice")
                .isFalse();
        assertThat(jobs.finishWithout(job.id(), JobState.RUNNING, 7L, null, JobState.FAILED, "late", now))
                .isFalse();

        Job done = jobs.find(job.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.images()).isEqualTo(images);
        assertThat(done.batchSizes()).isEqualTo("2,3");
        assertThat(jobs.unfinished()).isEmpty();
        assertThat(jobs.findDoneByKey("k1")).get().extracting(Job::id).isEqualTo(job.id());
        assertThat(jobs.findDoneByKey("other")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void restartFindsQueuedAndRunningJobsOldestFirst(Kind kind) {
        JobRepository jobs = repository(TestDatabases.create(kind));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Job first = queued(null, t);
        Job second = queued(null, t.plusSeconds(1));
        Job third = queued(null, t.plusSeconds(2));
        jobs.insert(second);
        jobs.insert(first);
        jobs.insert(third);
        assertThat(jobs.claim("tiny", "n1", 1, 3L, t, t.plusSeconds(30)))
                .extracting(Job::id)
                .containsExactly(first.id());
        jobs.finishWithout(third.id(), JobState.QUEUED, null, null, JobState.CANCELED, null, t);
        assertThat(jobs.unfinished()).extracting(Job::id).containsExactly(first.id(), second.id());
        assertThat(jobs.runningOn("n1")).extracting(Job::id).containsExactly(first.id());
        assertThat(jobs.requeue(first.id(), 3L, null, t)).isTrue();
        assertThat(jobs.requeue(second.id(), null, null, t))
                .as("was not running")
                .isFalse();
        assertThat(jobs.find(first.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(jobs.listByOwner(1, 2)).extracting(Job::id).containsExactly(third.id(), second.id());
    }
}
