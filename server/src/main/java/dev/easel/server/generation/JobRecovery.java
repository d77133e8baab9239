package dev.easel.server.generation;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On startup, queues again every job a previous run accepted but did not finish (a crash loses none), preloads the
 * configured models, and then fails jobs that wait longer than the queue timeout.
 */
@Component
class JobRecovery implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);

    private final JobRepository jobs;
    private final JobQueue queue;
    private final BatchSchedulers schedulers;
    private final JobLifecycle lifecycle;
    private final ModelPool pool;
    private final GenerationProperties properties;
    private ScheduledExecutorService sweeper;

    JobRecovery(
            JobRepository jobs,
            JobQueue queue,
            BatchSchedulers schedulers,
            JobLifecycle lifecycle,
            ModelPool pool,
            GenerationProperties properties) {
        this.jobs = jobs;
        this.queue = queue;
        this.schedulers = schedulers;
        this.lifecycle = lifecycle;
        this.pool = pool;
        this.properties = properties;
    }

    @Override
    public void start() {
        for (String model : properties.preload()) {
            pool.acquire(model).close();
        }
        List<Job> unfinished = jobs.unfinished();
        for (Job job : unfinished) {
            jobs.requeue(job.id());
            // Recovered jobs were accepted before: they go in even past the capacity meant for new submissions.
            queue.restore(QueuedJob.of(job));
            schedulers.ensureRunning(job.request().model());
        }
        if (!unfinished.isEmpty()) {
            log.info("recovered {} unfinished jobs", unfinished.size());
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().factory());
        sweeper.scheduleWithFixedDelay(this::expire, 5, 5, TimeUnit.SECONDS);
    }

    private void expire() {
        try {
            for (QueuedJob job : queue.expire(Instant.now().minus(properties.queueTimeout()))) {
                lifecycle.fail(job.id(), "waited longer than " + properties.queueTimeout() + " in the queue");
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
