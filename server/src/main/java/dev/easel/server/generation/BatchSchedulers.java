package dev.easel.server.generation;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One batch loop per model that has work, each on its own platform thread (ONNX work never runs on requests). A loop
 * starts when a job for its model arrives in the queue and ends once the model has been idle for a moment, so threads
 * are only held by models in use. Shutdown stops the loops and waits (bounded) for their current step, so that the
 * models are not closed under a running call.
 */
@Component
class BatchSchedulers implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(BatchSchedulers.class);
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final JobQueue queue;
    private final BatchScheduler.Services services;
    private final BatchScheduler.Batching batching;
    private final MeterRegistry meters;
    private final Map<String, Loop> running = new HashMap<>();
    private boolean stopping;

    private record Loop(BatchScheduler scheduler, Thread thread) {}

    BatchSchedulers(
            JobQueue queue,
            ModelPool pool,
            JobLifecycle lifecycle,
            JobAdmission admission,
            GenerationProperties properties,
            MeterRegistry meters) {
        this.queue = queue;
        this.services = new BatchScheduler.Services(queue, pool, lifecycle, admission);
        this.batching = new BatchScheduler.Batching(
                properties.maxBatch(), properties.shortJobBatch(), properties.previewEvery());
        this.meters = meters;
        queue.whenJobArrives(this::ensureRunning);
    }

    synchronized void ensureRunning(String model) {
        if (stopping || running.containsKey(model)) {
            return;
        }
        BatchScheduler scheduler = new BatchScheduler(model, services, batching, meters);
        // ONNX Runtime recurses deeply while optimizing some graphs; the default 1 MB stack was seen to overflow.
        Thread thread = Thread.ofPlatform()
                .name("easel-batch-" + model)
                .stackSize(ModelPool.NATIVE_STACK_BYTES)
                .daemon()
                .unstarted(() -> serve(model, scheduler));
        running.put(model, new Loop(scheduler, thread));
        thread.start();
    }

    private void serve(String model, BatchScheduler scheduler) {
        do {
            scheduler.runUntilIdle();
        } while (!retired(model, scheduler));
    }

    /**
     * Whether an idle loop may end: not while a job for its model waits. Under the same lock as {@link
     * #ensureRunning}, so a job that arrives meanwhile either keeps this loop or starts a new one.
     */
    private synchronized boolean retired(String model, BatchScheduler scheduler) {
        if (!stopping && queue.waiting(model)) {
            return false;
        }
        running.remove(model);
        return true;
    }

    /** True when the model's loop had the job and will drop it at the next step. */
    boolean cancel(String model, String jobId) {
        BatchScheduler scheduler;
        synchronized (this) {
            Loop loop = running.get(model);
            scheduler = loop == null ? null : loop.scheduler();
        }
        return scheduler != null && scheduler.cancel(jobId);
    }

    @Override
    public void destroy() throws InterruptedException {
        List<Loop> loops;
        synchronized (this) {
            stopping = true;
            loops = List.copyOf(running.values());
        }
        loops.forEach(loop -> loop.scheduler().stop());
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        for (Loop loop : loops) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (!loop.thread().join(Duration.ofMillis(left))) {
                log.warn("batch loop {} did not stop within {}", loop.thread().getName(), SHUTDOWN_WAIT);
            }
        }
    }
}
