package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job state changes against a real database (H2 and PostgreSQL): each is conditional on the state it expects and, for
 * a claimed job, on the claim's fencing token; claims, leases, attempts and atomic admission.
 */
class JobTransitionsTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private JobRepository repository(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (int i = 1; i <= 40; i++) {
            jdbc.sql("insert into users (username, display_name, role, created_at) values (?, ?, 'USER', ?)")
                    .params("user" + i, "User " + i, java.sql.Timestamp.from(Instant.now()))
                    .update();
        }
        return new JobRepository(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private static Job queued() {
        return queued(1, 0);
    }

    private static Job queued(long owner, int priority) {
        JobRequest request = new JobRequest("tiny", "red cat", "", 32, 32, 4, 7, "Euler a", 5, 1, null, 0, priority);
        return new Job(
                UUID.randomUUID().toString(),
                owner,
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

    private record Fixture(JobRepository jobs, JobEvents events, DatabaseJobQueue queue, JobTransitions transitions) {

        /** Another node on the same database. */
        Fixture node(String id, int maxAttempts) {
            JobTransitions other = new JobTransitions(
                    jobs,
                    events,
                    new InFlightResults(),
                    queue,
                    properties(256, 256),
                    new ClaimProperties(LEASE, maxAttempts),
                    new NodeIdentity(id));
            return new Fixture(jobs, events, queue, other);
        }

        Job admitted(Job job) {
            assertThat(transitions.admit(job)).isEqualTo(JobRepository.Admission.ADMITTED);
            return job;
        }

        Job stored(String id) {
            return jobs.find(id).orElseThrow();
        }
    }

    private static GenerationProperties properties(int queueCapacity, int maxPerUser) {
        return new GenerationProperties(
                null, null, queueCapacity, maxPerUser, null, null, null, null, null, 1, 1, null, null);
    }

    private Fixture fixture(Kind kind, int queueCapacity) {
        return fixture(kind, queueCapacity, 256, 3);
    }

    private Fixture fixture(Kind kind, int queueCapacity, int maxPerUser, int maxAttempts) {
        JobRepository jobs = repository(TestDatabases.create(kind));
        JobEvents events = new JobEvents();
        DatabaseJobQueue queue = new DatabaseJobQueue(jobs);
        return new Fixture(
                jobs,
                events,
                queue,
                new JobTransitions(
                        jobs,
                        events,
                        new InFlightResults(),
                        queue,
                        properties(queueCapacity, maxPerUser),
                        new ClaimProperties(LEASE, maxAttempts),
                        new NodeIdentity("n1")));
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

    private static final List<JobImage> IMAGES = List.of(new JobImage(0, 5, "a".repeat(64), false, "p"));

    @Test
    void theStateMachineAllowsOnlyTheseMoves() {
        assertThat(JobState.QUEUED.canMoveTo(JobState.RUNNING)).isTrue();
        assertThat(JobState.QUEUED.canMoveTo(JobState.DONE))
                .as("a follower gets its leader's images")
                .isTrue();
        assertThat(JobState.RUNNING.canMoveTo(JobState.QUEUED))
                .as("lease expired, or recovered")
                .isTrue();
        assertThat(JobState.RUNNING.canMoveTo(JobState.CANCELED)).isTrue();
        for (JobState end : List.of(JobState.DONE, JobState.FAILED, JobState.CANCELED)) {
            assertThat(JobState.values()).noneMatch(end::canMoveTo);
        }
        assertThat(JobState.QUEUED.canMoveTo(JobState.QUEUED)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneClaimTakesSeveralJobsInPriorityAndPerUserTurnOrder(Kind kind) {
        Fixture f = fixture(kind, 64);
        Job a0 = f.admitted(queued(1, 0));
        Job a1 = f.admitted(queued(1, 0));
        Job a2 = f.admitted(queued(1, 0));
        Job b0 = f.admitted(queued(2, 0));
        Job urgent = f.admitted(queued(3, 1));
        Job c0 = f.admitted(queued(4, 0));
        assertThat(f.queue().position(urgent.id())).isZero();
        assertThat(f.queue().position(b0.id())).isEqualTo(2);

        List<Job> claimed = f.transitions().claim("tiny", 4);
        assertThat(claimed)
                .extracting(Job::id)
                .as("higher priority first; then users take turns, each user's jobs in order")
                .containsExactly(urgent.id(), a0.id(), b0.id(), c0.id());
        assertThat(claimed).allSatisfy(job -> {
            assertThat(job.state()).isEqualTo(JobState.RUNNING);
            assertThat(job.node()).isEqualTo("n1");
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.claimToken()).isEqualTo(claimed.get(0).claimToken());
        });
        assertThat(f.transitions().claim("tiny", 8)).extracting(Job::id).containsExactly(a1.id(), a2.id());
        assertThat(f.transitions().claim("tiny", 8)).isEmpty();
        assertThat(f.transitions().claim("other", 8)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentClaimersNeverGetTheSameJob(Kind kind) throws Exception {
        Fixture f = fixture(kind, 1000);
        Set<String> admitted = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            admitted.add(f.admitted(queued(1 + i % 40, 0)).id());
        }
        List<Fixture> nodes = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            nodes.add(f.node("node" + n, 3));
        }
        List<String> claimed = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService claimers = Executors.newFixedThreadPool(nodes.size())) {
            List<Future<?>> done = new ArrayList<>();
            for (Fixture node : nodes) {
                done.add(claimers.submit(() -> {
                    go.await();
                    for (int empty = 0; empty < 3; ) {
                        List<Job> batch = node.transitions().claim("tiny", 3);
                        batch.forEach(job -> claimed.add(job.id()));
                        empty = batch.isEmpty() ? empty + 1 : 0;
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(claimed).doesNotHaveDuplicates().hasSize(admitted.size());
        assertThat(new HashSet<>(claimed)).isEqualTo(admitted);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentSubmissionsPassNeitherThePerUserLimitNorTheQueueBound(Kind kind) throws Exception {
        Fixture f = fixture(kind, 5, 3, 3);
        List<JobRepository.Admission> oneUser = admitConcurrently(f, 32, i -> 1L);
        assertThat(oneUser)
                .filteredOn(a -> a == JobRepository.Admission.ADMITTED)
                .hasSize(3);
        assertThat(f.jobs().countInFlight(1)).isEqualTo(3);

        List<JobRepository.Admission> manyUsers = admitConcurrently(f, 32, i -> 2L + i);
        assertThat(manyUsers)
                .as("the queue had 3 of 5 places left")
                .filteredOn(a -> a == JobRepository.Admission.ADMITTED)
                .hasSize(2);
        assertThat(f.queue().size()).isEqualTo(5);
    }

    private static List<JobRepository.Admission> admitConcurrently(
            Fixture f, int count, java.util.function.IntToLongFunction owner) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JobRepository.Admission>> results = new ArrayList<>();
        try (ExecutorService submitters = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < count; i++) {
                Job job = queued(owner.applyAsLong(i), 0);
                results.add(submitters.submit(() -> {
                    go.await();
                    return f.transitions().admit(job);
                }));
            }
            go.countDown();
        }
        List<JobRepository.Admission> admissions = new ArrayList<>();
        for (Future<JobRepository.Admission> result : results) {
            admissions.add(result.get());
        }
        return admissions;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anExpiredLeaseQueuesTheJobAgainAndCountsTheAttempt(Kind kind) {
        Fixture f = fixture(kind, 8);
        Job job = f.admitted(queued());
        f.transitions().claim("tiny", 1);
        assertThat(f.transitions().expireLeases(Instant.now()))
                .as("lease still valid")
                .isZero();

        Fixture other = f.node("n2", 3);
        assertThat(other.transitions().expireLeases(Instant.now().plus(LEASE).plusSeconds(1)))
                .isEqualTo(1);
        Job requeued = f.stored(job.id());
        assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
        assertThat(requeued.attempts()).isEqualTo(1);
        assertThat(requeued.claimToken()).isNull();
        assertThat(other.transitions().claim("tiny", 1)).singleElement().satisfies(again -> {
            assertThat(again.node()).isEqualTo("n2");
            assertThat(again.attempts()).isEqualTo(2);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void renewedLeasesDoNotExpire(Kind kind) throws Exception {
        Fixture f = fixture(kind, 8);
        Job job = f.admitted(queued());
        Instant claimedAt = Instant.now();
        f.transitions().claim("tiny", 1);
        Thread.sleep(50);
        assertThat(f.transitions().renewLeases()).isEqualTo(1);
        Instant justAfterTheFirstLease = claimedAt.plus(LEASE).plusMillis(10);
        assertThat(f.node("n2", 3).transitions().expireLeases(justAfterTheFirstLease))
                .isZero();
        assertThat(f.stored(job.id()).state()).isEqualTo(JobState.RUNNING);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void afterMaxAttemptsAJobWhoseLeaseExpiresFailsWithAReason(Kind kind) {
        Fixture f = fixture(kind, 8, 256, 2);
        Job job = f.admitted(queued());
        List<JobEvent> seen = new CopyOnWriteArrayList<>();
        f.events().subscribe(job.id(), seen::add);
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThat(f.transitions().claim("tiny", 1)).hasSize(1);
            assertThat(f.transitions().expireLeases(Instant.now().plus(LEASE).plusSeconds(1)))
                    .isEqualTo(1);
        }
        Job failed = f.stored(job.id());
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).contains("lease of node n1 expired").contains("after 2 attempts");
        assertThat(f.transitions().claim("tiny", 1)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStaleClaimCannotFinishOrFailAJobAnotherClaimTookOver(Kind kind) {
        Fixture f = fixture(kind, 8);
        Job job = f.admitted(queued());
        Job stale = f.transitions().claim("tiny", 1).get(0);
        Fixture other = f.node("n2", 3);
        other.transitions().expireLeases(Instant.now().plus(LEASE).plusSeconds(1));
        Job current = other.transitions().claim("tiny", 1).get(0);
        assertThat(current.claimToken()).isNotEqualTo(stale.claimToken());

        List<JobImage> staleImages = List.of(new JobImage(0, 5, "b".repeat(64), false, "stale"));
        assertThat(f.transitions().finish(job.id(), JobState.RUNNING, stale.claimToken(), staleImages, "1"))
                .isFalse();
        assertThat(f.transitions().fail(job.id(), JobState.RUNNING, stale.claimToken(), "stale"))
                .isFalse();
        assertThat(f.transitions().reject(job.id(), stale.claimToken(), "stale"))
                .isFalse();
        assertThat(f.transitions().cancel(job.id(), JobState.RUNNING, stale.claimToken()))
                .isFalse();
        assertThat(f.transitions().held()).as("the stale node lets go").isZero();
        assertThat(f.stored(job.id()).state()).isEqualTo(JobState.RUNNING);

        assertThat(other.transitions().finish(job.id(), JobState.RUNNING, current.claimToken(), IMAGES, "1"))
                .isTrue();
        assertThat(f.transitions().finish(job.id(), JobState.RUNNING, stale.claimToken(), staleImages, "1"))
                .isFalse();
        Job done = f.stored(job.id());
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.images()).as("exactly one set of images").isEqualTo(IMAGES);
        assertThat(done.node()).isEqualTo("n2");
        assertThat(done.attempts()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void atStartupANodeQueuesAgainOnlyItsOwnRunningJobs(Kind kind) {
        Fixture f = fixture(kind, 8);
        Job mine = f.admitted(queued());
        f.transitions().claim("tiny", 1);
        Fixture other = f.node("n2", 3);
        Job theirs = f.admitted(queued());
        other.transitions().claim("tiny", 1);

        assertThat(f.node("n1", 3).transitions().recoverOwn()).isEqualTo(1);
        assertThat(f.stored(mine.id()).state()).isEqualTo(JobState.QUEUED);
        assertThat(f.stored(theirs.id()).state()).as("left to its lease").isEqualTo(JobState.RUNNING);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aChangeThatLostTheRaceHasNoEffects(Kind kind) throws Exception {
        Fixture f = fixture(kind, 8);
        Job job = f.admitted(queued());
        List<JobEvent> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = f.events().subscribe(job.id(), seen::add)) {
            assertThat(f.transitions().cancel(job.id(), JobState.QUEUED, null)).isTrue();
            assertThat(f.transitions().claim("tiny", 8)).isEmpty();
            assertThat(f.transitions().finish(job.id(), JobState.RUNNING, 1L, IMAGES, "1"))
                    .isFalse();
            assertThat(f.transitions().fail(job.id(), JobState.QUEUED, null, "late"))
                    .isFalse();
            await(() -> !seen.isEmpty());
        }
        Job stored = f.stored(job.id());
        assertThat(stored.state()).isEqualTo(JobState.CANCELED);
        assertThat(stored.images()).isEmpty();
        assertThat(seen).extracting(JobEvent::type).containsExactly("canceled");
        assertThatThrownBy(() -> f.transitions().fail(job.id(), JobState.DONE, null, "from DONE"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.transitions().fail(job.id(), JobState.RUNNING, null, "no token"))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLeaderThatFindsTheQueueFullLeadsNothing(Kind kind) {
        Fixture f = fixture(kind, 1);
        Job filler = f.admitted(queued());

        Job leader = keyed("same request");
        assertThat(f.transitions().admit(leader)).as("queue full").isEqualTo(JobRepository.Admission.QUEUE_FULL);
        assertThat(f.jobs().find(leader.id())).as("a refused job is not kept").isEmpty();

        // The client retries once there is room: its job runs instead of following the refused one.
        assertThat(f.transitions().cancel(filler.id(), JobState.QUEUED, null)).isTrue();
        Job retry = f.admitted(keyed("same request"));
        assertThat(f.queue().position(retry.id())).isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void followersGetTheLeadersImagesOrRunThemselvesEvenPastCapacity(Kind kind) {
        Fixture f = fixture(kind, 2);
        Job leader = f.admitted(keyed("k"));
        Job follower = f.admitted(keyed("k"));
        assertThat(f.queue().position(follower.id())).as("follows, not queued").isEqualTo(-1);
        Job claimedLeader = f.transitions().claim("tiny", 8).get(0);
        assertThat(claimedLeader.id()).isEqualTo(leader.id());
        Job other = f.admitted(keyed("k"));
        Job filler = f.admitted(queued());
        assertThat(f.transitions().fail(leader.id(), JobState.RUNNING, claimedLeader.claimToken(), "boom"))
                .isTrue();
        assertThat(f.queue().position(follower.id()))
                .as("accepted, so queued past the capacity")
                .isGreaterThanOrEqualTo(0);
        assertThat(f.queue().position(other.id()))
                .as("now follows the new leader")
                .isEqualTo(-1);

        Job claimedFollower = f.transitions().claim("tiny", 8).stream()
                .filter(j -> j.id().equals(follower.id()))
                .findFirst()
                .orElseThrow();
        assertThat(f.transitions().finish(follower.id(), JobState.RUNNING, claimedFollower.claimToken(), IMAGES, "1"))
                .isTrue();
        Job served = f.stored(other.id());
        assertThat(served.state()).isEqualTo(JobState.DONE);
        assertThat(served.images()).isEqualTo(IMAGES);
        assertThat(f.stored(filler.id()).state()).isEqualTo(JobState.RUNNING);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
