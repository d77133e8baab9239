package dev.easel.server.generation;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** One batch loop per model that has work, each on its own platform thread (ONNX work never runs on requests). */
@Component
class BatchSchedulers implements DisposableBean {
    private final BatchScheduler.Services services;
    private final BatchScheduler.Batching batching;
    private final MeterRegistry meters;
    private final Map<String, BatchScheduler> running = new ConcurrentHashMap<>();

    BatchSchedulers(
            JobQueue queue,
            ModelPool pool,
            JobLifecycle lifecycle,
            JobAdmission admission,
            GenerationProperties properties,
            MeterRegistry meters) {
        this.services = new BatchScheduler.Services(queue, pool, lifecycle, admission);
        this.batching = new BatchScheduler.Batching(
                properties.maxBatch(), properties.shortJobBatch(), properties.previewEvery());
        this.meters = meters;
    }

    void ensureRunning(String model) {
        running.computeIfAbsent(model, name -> {
            BatchScheduler scheduler = new BatchScheduler(name, services, batching, meters);
            // ONNX Runtime recurses deeply while optimizing some graphs; the default 1 MB stack was seen to overflow.
            Thread.ofPlatform()
                    .name("easel-batch-" + name)
                    .stackSize(ModelPool.NATIVE_STACK_BYTES)
                    .daemon()
                    .start(scheduler);
            return scheduler;
        });
    }

    /** True when the model's loop had the job and will drop it at the next step. */
    boolean cancel(String model, String jobId) {
        BatchScheduler scheduler = running.get(model);
        return scheduler != null && scheduler.cancel(jobId);
    }

    @Override
    public void destroy() {
        running.values().forEach(BatchScheduler::stop);
    }
}
