package dev.easel.server.generation;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Queues again every job a previous run accepted but did not finish (a crash loses none), preloads the configured
 * models, and then fails jobs that wait longer than the queue timeout.
 *
 * <p>Recovery runs once every bean exists and before any lifecycle starts, so before the web server accepts a
 * request: a job submitted at startup cannot also be found unfinished in the database and queued a second time.
 */
@Component
class JobRecovery implements SmartInitializingSingleton, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);

    private final JobRepository jobs;
    private final JobQueue queue;
    private final JobTransitions transitions;
    private final ModelPool pool;
    private final GenerationProperties properties;
    private ScheduledExecutorService sweeper;

    JobRecovery(
            JobRepository jobs,
            JobQueue queue,
            JobTransitions transitions,
            ModelPool pool,
            GenerationProperties properties) {
        this.jobs = jobs;
        this.queue = queue;
        this.transitions = transitions;
        this.pool = pool;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Job> unfinished = jobs.unfinished();
        unfinished.forEach(transitions::recover);
        if (!unfinished.isEmpty()) {
            log.info("recovered {} unfinished jobs", unfinished.size());
        }
    }

    @Override
    public void start() {
        for (String model : properties.preload()) {
            pool.acquire(model).close();
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().factory());
        sweeper.scheduleWithFixedDelay(this::expire, 5, 5, TimeUnit.SECONDS);
    }

    private void expire() {
        try {
            for (QueuedJob job : queue.expire(Instant.now().minus(properties.queueTimeout()))) {
                transitions.fail(
                        job.id(), JobState.QUEUED, "waited longer than " + properties.queueTimeout() + " in the queue");
            }
        } catch (RuntimeException e) {
            log.error("queue timeout sweep failed", e);
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
