package dev.easel.server.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.easel.server.generation.Job;
import dev.easel.server.generation.JobEvent;
import dev.easel.server.generation.JobState;
import java.time.Duration;
import java.time.Instant;

/**
 * A1111's {@code ProgressResponse} for one job of the caller (A1111 reports its single global job; Easel reports the
 * caller's most recent unfinished one, so users never see each other's work).
 *
 * @param progress 0..1
 * @param etaRelative estimated seconds left, 0 while unknown
 * @param currentImage base64 PNG of the latest latent preview, or null
 */
record A1111Progress(
        double progress,
        @JsonProperty("eta_relative") double etaRelative,
        State state,
        @JsonProperty("current_image") String currentImage,
        String textinfo,
        @JsonProperty("current_task") String currentTask) {

    /** A1111's {@code shared.state.dict()}. */
    record State(
            boolean skipped,
            boolean interrupted,
            @JsonProperty("stopping_generation") boolean stoppingGeneration,
            String job,
            @JsonProperty("job_count") int jobCount,
            @JsonProperty("job_timestamp") String jobTimestamp,
            @JsonProperty("job_no") int jobNo,
            @JsonProperty("sampling_step") int samplingStep,
            @JsonProperty("sampling_steps") int samplingSteps) {}

    static A1111Progress idle() {
        return new A1111Progress(0, 0, new State(false, false, false, "", 0, "0", 0, 0, 0), null, null, null);
    }

    /**
     * @param event the job's latest event, or null
     * @param queuePosition jobs ahead of it, or -1 when it is not waiting
     * @param previewDataUrl the latest preview as a PNG data URL, or null
     */
    static A1111Progress of(Job job, JobEvent event, int queuePosition, String previewDataUrl, Instant now) {
        int steps = job.request().steps();
        int step = 0;
        if (event != null && event.type().equals("progress")) {
            step = event.step();
            steps = event.totalSteps();
        }
        // A progress event means it runs, even if the job row was read a moment before it was marked RUNNING.
        boolean running = job.state() == JobState.RUNNING || step > 0;
        double progress = running && steps > 0 ? Math.min(1, (double) step / steps) : 0;
        double eta = 0;
        if (progress > 0 && job.startedAt() != null) {
            double elapsed = Duration.between(job.startedAt(), now).toMillis() / 1000.0;
            eta = Math.max(0, elapsed / progress - elapsed);
        }
        String text = running
                ? "Step " + step + "/" + steps
                : "Waiting in queue: " + Math.max(0, queuePosition) + " jobs ahead";
        State state = new State(
                false,
                false,
                false,
                "job " + job.id(),
                1,
                A1111Result.JOB_TIMESTAMP.format(job.createdAt()),
                0,
                step,
                steps);
        return new A1111Progress(progress, eta, state, base64Of(previewDataUrl), text, job.id());
    }

    /** A1111 sends the bare base64, without the data URL prefix. */
    private static String base64Of(String dataUrl) {
        if (dataUrl == null) {
            return null;
        }
        int comma = dataUrl.indexOf(',');
        return comma >= 0 ? dataUrl.substring(comma + 1) : dataUrl;
    }
}
