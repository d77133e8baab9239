package dev.easel.server.generation;

import dev.easel.engine.InvalidRequestException;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.pipeline.DecodedImage;
import dev.easel.engine.pipeline.Denoiser;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.Sample;
import dev.easel.engine.pipeline.SampleDecoder;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuous, step-level batching loop of one model, on its own platform thread. At every denoising step it
 * admits queued jobs' samples (up to four times the batch size stay resident), picks up to the batch size of them to share
 * one UNet call (least remaining work first, see {@link StepPicker}), retires finished samples to a batched VAE decode,
 * and goes on. A failing job fails alone; whatever else goes wrong (even an {@link Error}) fails the jobs in the batch,
 * never the loop.
 */
final class BatchScheduler {
    private static final Logger log = LoggerFactory.getLogger(BatchScheduler.class);
    private static final Duration IDLE_WAIT = Duration.ofMillis(500);
    private static final int RESIDENT_BATCHES = 4;

    private final String modelName;
    private final JobQueue queue;
    private final ModelPool pool;
    private final JobLifecycle lifecycle;
    private final JobAdmission admission;
    private final int maxBatch;
    private final int previewEvery;
    private final Set<String> cancelRequests = ConcurrentHashMap.newKeySet();
    private final Map<String, RunningJob> jobs = new LinkedHashMap<>();
    private final Map<Sample, RunningJob> owners = new IdentityHashMap<>();
    /** Admitted samples, in admission order; each step runs up to {@code maxBatch} of them. */
    private final List<Sample> resident = new ArrayList<>();

    private final StepPicker<Sample> picker;
    private final List<Sample> active = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private final Timer stepTimer;
    private volatile boolean running = true;
    private ModelPool.Lease lease;
    /** The queue's arrival count when a claim last found nothing: no claim is tried again until it changes. */
    private long nothingSince = -1;

    BatchScheduler(String modelName, Services services, Batching batching, MeterRegistry meters) {
        this.modelName = modelName;
        this.queue = services.queue();
        this.pool = services.pool();
        this.lifecycle = services.lifecycle();
        this.admission = services.admission();
        this.maxBatch = batching.maxBatch();
        this.previewEvery = batching.previewEvery();
        this.picker = new StepPicker<>(
                sample -> sample.totalSteps() - sample.step(), Sample::stepsToRun, batching.shortJobBatch());
        this.batchSizes = DistributionSummary.builder("easel.batch.size")
                .tag("model", modelName)
                .publishPercentileHistogram()
                .register(meters);
        this.stepTimer =
                Timer.builder("easel.batch.step").tag("model", modelName).register(meters);
    }

    /** The collaborators a scheduler needs. */
    record Services(JobQueue queue, ModelPool pool, JobLifecycle lifecycle, JobAdmission admission) {}

    /** Batch sizes and preview cadence, from {@link GenerationProperties}. */
    record Batching(int maxBatch, int shortJobBatch, int previewEvery) {}

    /** Asks for a running job to leave the batch at the next step; true when this scheduler has it. */
    synchronized boolean cancel(String jobId) {
        if (!jobs.containsKey(jobId)) {
            return false;
        }
        cancelRequests.add(jobId);
        return true;
    }

    void stop() {
        running = false;
    }

    /** Serves the model's jobs until it has none for a moment (then returns, model released) or until stopped. */
    void runUntilIdle() {
        try {
            while (running) {
                if (resident.isEmpty() && !admitBlocking()) {
                    return;
                }
                serveOneStep();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            releaseModel();
        }
    }

    private void serveOneStep() {
        try {
            admitWhileRoom();
            dropCanceled();
            active.clear();
            active.addAll(picker.pick(resident, maxBatch));
            if (!active.isEmpty()) {
                step();
                retireFinished();
            }
        } catch (Throwable e) { // an Error too (out of memory, say): it must not end the loop for good
            // Which job caused it is unknown: fail what is in flight and carry on with the queue.
            log.error("batch loop of {} failed; failing its active jobs", modelName, e);
            failAll("internal error: " + e);
        }
    }

    private boolean admitBlocking() throws InterruptedException {
        long seen = queue.arrivals();
        List<Job> claimed = lifecycle.claim(modelName, room());
        if (claimed.isEmpty()) {
            queue.awaitArrival(seen, IDLE_WAIT);
            claimed = lifecycle.claim(modelName, room());
        }
        if (claimed.isEmpty()) {
            return false;
        }
        admit(claimed);
        return true;
    }

    /**
     * Up to four batches' worth resident: room for the picker to let a short newcomer ahead of long jobs already
     * running, while the queue's priorities and per-user fairness still decide who gets in when it is busier.
     */
    private int room() {
        return RESIDENT_BATCHES * maxBatch - resident.size();
    }

    private void admitWhileRoom() {
        int room = room();
        long arrivals = queue.arrivals();
        if (room <= 0 || arrivals == nothingSince) {
            return; // full, or nothing arrived since a claim last found nothing: no query per step
        }
        List<Job> claimed = lifecycle.claim(modelName, room);
        if (claimed.isEmpty()) {
            nothingSince = arrivals;
        } else {
            admit(claimed);
        }
    }

    private void admit(List<Job> claimed) {
        DiffusionModel model;
        try {
            model = model();
        } catch (RuntimeException e) {
            claimed.forEach(job -> lifecycle.fail(job, "model " + modelName + " cannot be loaded: " + e.getMessage()));
            return;
        }
        List<Job> started = new ArrayList<>();
        List<GenerationRequest> requests = new ArrayList<>();
        for (Job job : claimed) {
            try {
                requests.add(admission.engineRequest(job, model));
                started.add(job);
            } catch (InvalidRequestException e) {
                lifecycle.reject(job, e.getMessage());
            } catch (RuntimeException e) {
                lifecycle.fail(job, e.getMessage());
            }
        }
        if (started.isEmpty()) {
            return;
        }
        List<RunningJob> admitted;
        try {
            admitted = admission.admit(started, requests, model, lease.modelHash());
        } catch (RuntimeException e) {
            started.forEach(j -> lifecycle.fail(j, e.getMessage()));
            return;
        }
        synchronized (this) {
            for (RunningJob job : admitted) {
                jobs.put(job.id(), job);
                for (Sample sample : job.samples) {
                    owners.put(sample, job);
                    resident.add(sample);
                }
            }
        }
    }

    private void step() {
        int size = active.size();
        batchSizes.record(size);
        stepTimer.record(() -> stepIsolatingFailures(active));
        for (RunningJob job : jobsOf(active)) {
            job.batchSizes.add(size);
            int done = job.stepsDone();
            boolean preview = previewEvery > 0 && done % previewEvery == 0 && done < job.totalSteps();
            lifecycle.progress(job, done, job.totalSteps(), preview ? preview(job.samples.get(0)) : null);
        }
    }

    /** One UNet call for the whole batch; if it throws, each job once more on its own to find the culprit. */
    private void stepIsolatingFailures(List<Sample> batch) {
        Denoiser denoiser = new Denoiser(lease.model().unet());
        try {
            denoiser.step(batch);
        } catch (RuntimeException batchFailure) {
            for (RunningJob job : jobsOf(batch)) {
                List<Sample> own =
                        batch.stream().filter(s -> owners.get(s) == job).toList();
                try {
                    denoiser.step(own);
                } catch (RuntimeException e) {
                    removeJob(job);
                    lifecycle.fail(job.job, "generation failed: " + e.getMessage());
                }
            }
        }
    }

    private void retireFinished() {
        List<Sample> finished = active.stream().filter(Sample::done).toList();
        if (finished.isEmpty()) {
            return;
        }
        active.removeAll(finished);
        resident.removeAll(finished);
        picker.forget(finished);
        for (Map.Entry<Sample, DecodedImage> decoded :
                decodeIsolatingFailures(finished).entrySet()) {
            RunningJob job = owners.remove(decoded.getKey());
            job.results[job.samples.indexOf(decoded.getKey())] = decoded.getValue();
            job.decoded++;
            if (job.complete()) {
                synchronized (this) {
                    jobs.remove(job.id());
                }
                lifecycle.complete(job, lease.model());
            }
        }
    }

    /**
     * One batched decode for all finished samples; if it throws, each job's samples once more on their own, and a job
     * whose decode still fails fails alone (the others in the batch are unaffected).
     */
    private Map<Sample, DecodedImage> decodeIsolatingFailures(List<Sample> finished) {
        Map<Sample, DecodedImage> decoded = new IdentityHashMap<>();
        try {
            List<DecodedImage> images = SampleDecoder.decode(lease.model(), finished);
            for (int i = 0; i < finished.size(); i++) {
                decoded.put(finished.get(i), images.get(i));
            }
            return decoded;
        } catch (RuntimeException batchFailure) {
            for (RunningJob job : jobsOf(finished)) {
                List<Sample> own =
                        finished.stream().filter(s -> owners.get(s) == job).toList();
                try {
                    List<DecodedImage> images = SampleDecoder.decode(lease.model(), own);
                    for (int i = 0; i < own.size(); i++) {
                        decoded.put(own.get(i), images.get(i));
                    }
                } catch (RuntimeException e) {
                    removeJob(job);
                    lifecycle.fail(job.job, "decoding failed: " + e.getMessage());
                }
            }
            return decoded;
        }
    }

    private void dropCanceled() {
        if (cancelRequests.isEmpty()) {
            return;
        }
        for (String jobId : List.copyOf(cancelRequests)) {
            cancelRequests.remove(jobId);
            RunningJob job;
            synchronized (this) {
                job = jobs.get(jobId);
            }
            if (job != null) {
                removeJob(job);
                lifecycle.canceled(job.job);
            }
        }
    }

    private void removeJob(RunningJob job) {
        synchronized (this) {
            jobs.remove(job.id());
        }
        active.removeAll(job.samples);
        resident.removeAll(job.samples);
        picker.forget(job.samples);
        job.samples.forEach(owners::remove);
    }

    private void failAll(String reason) {
        List<RunningJob> all;
        synchronized (this) {
            all = List.copyOf(jobs.values());
            jobs.clear();
        }
        active.clear();
        resident.clear();
        owners.clear();
        picker.clear();
        for (RunningJob job : all) {
            try {
                lifecycle.fail(job.job, reason);
            } catch (RuntimeException e) {
                // The database is unreachable, say: the job stays RUNNING and goes back to the queue when its lease
                // runs out (or when this node starts again).
                log.error("could not mark job {} failed", job.id(), e);
            }
        }
    }

    private List<RunningJob> jobsOf(List<Sample> samples) {
        List<RunningJob> distinct = new ArrayList<>();
        for (Sample sample : samples) {
            RunningJob job = owners.get(sample);
            if (job != null && !distinct.contains(job)) {
                distinct.add(job);
            }
        }
        return distinct;
    }

    private static String preview(Sample sample) {
        return LatentPreview.dataUrl(
                sample.latents(), sample.latentChannels(), sample.latentHeight(), sample.latentWidth());
    }

    private DiffusionModel model() {
        if (lease == null) {
            lease = pool.acquire(modelName);
        }
        return lease.model();
    }

    private void releaseModel() {
        if (lease != null) {
            lease.close();
            lease = null;
        }
    }
}
