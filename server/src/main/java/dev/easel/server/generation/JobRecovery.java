package dev.easel.server.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Queues again the jobs this node was running when it stopped (a crash loses none), preloads the configured models,
 * and then, periodically: renews the leases of the jobs this node holds (every third of the lease), queues again the
 * jobs whose lease ran out (their node died; every node sweeps, with conditional writes, so one of them wins), fails
 * jobs that waited longer than the queue timeout, releases followers whose leader is gone, and wakes the loops of
 * models with waiting jobs (the fallback wake-up for jobs other nodes admitted).
 *
 * <p>Recovery runs once every bean exists and before any lifecycle starts, so before the web server accepts a
 * request.
 */
@Component
class JobRecovery implements SmartInitializingSingleton, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);

    private final JobRepository jobs;
    private final JobQueue queue;
    private final JobTransitions transitions;
    private final ModelPool pool;
    private final GenerationProperties properties;
    private final ClaimProperties claims;
    private ScheduledExecutorService sweeper;

    JobRecovery(
            JobRepository jobs,
            JobQueue queue,
            JobTransitions transitions,
            ModelPool pool,
            GenerationProperties properties,
            ClaimProperties claims) {
        this.jobs = jobs;
        this.queue = queue;
        this.transitions = transitions;
        this.pool = pool;
        this.properties = properties;
        this.claims = claims;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int recovered = transitions.recoverOwn();
        if (recovered > 0) {
            log.info("queued again {} jobs node {} was running when it stopped", recovered, transitions.node());
        }
    }

    @Override
    public void start() {
        for (String model : properties.preload()) {
            pool.acquire(model).close();
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("easel-leases").daemon().factory());
        long renew = claims.renewEvery().toMillis();
        sweeper.scheduleWithFixedDelay(this::renew, renew, renew, TimeUnit.MILLISECONDS);
        long sweep = Math.min(SWEEP_EVERY.toMillis(), renew);
        sweeper.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        try {
            transitions.renewLeases();
        } catch (RuntimeException e) {
            log.error("renewing leases failed", e);
        }
    }

    private void sweep() {
        try {
            Instant now = Instant.now();
            transitions.expireLeases(now);
            for (Job job : jobs.waitingSince(now.minus(properties.queueTimeout()))) {
                transitions.fail(
                        job.id(),
                        JobState.QUEUED,
                        null,
                        "waited longer than " + properties.queueTimeout() + " in the queue");
            }
            transitions.releaseOrphanedFollowers();
            queue.waitingModels().forEach(queue::arrived);
        } catch (RuntimeException e) {
            log.error("queue sweep failed", e);
        }
    }

    @Override
    public void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return sweeper != null && !sweeper.isShutdown();
    }
}
