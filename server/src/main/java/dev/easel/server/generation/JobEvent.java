package dev.easel.server.generation;

import java.util.Locale;

/**
 * What happened to a job, as its event stream tells it.
 *
 * @param type queued, progress, done, failed or canceled
 * @param position jobs ahead in the queue (queued events)
 * @param step denoising steps done (progress events)
 * @param totalSteps denoising steps in all
 * @param preview small PNG data URL of the current latents (some progress events), or null
 * @param error why the job failed, or null
 * @param rejected the job failed because its request does not fit the model (a client mistake, not a server fault)
 */
public record JobEvent(
        String type,
        String jobId,
        int position,
        int step,
        int totalSteps,
        String preview,
        String error,
        boolean rejected) {

    public static JobEvent queued(String jobId, int position) {
        return new JobEvent("queued", jobId, position, 0, 0, null, null, false);
    }

    public static JobEvent progress(String jobId, int step, int totalSteps, String preview) {
        return new JobEvent("progress", jobId, -1, step, totalSteps, preview, null, false);
    }

    public static JobEvent finished(String jobId, JobState state, String error) {
        return new JobEvent(state.name().toLowerCase(Locale.ROOT), jobId, -1, 0, 0, null, error, false);
    }

    /** The job failed at admission: its request does not fit the model (size, image-to-image, ...). */
    public static JobEvent rejected(String jobId, String reason) {
        return new JobEvent("failed", jobId, -1, 0, 0, null, reason, true);
    }

    public boolean terminal() {
        return type.equals("done") || type.equals("failed") || type.equals("canceled");
    }
}
