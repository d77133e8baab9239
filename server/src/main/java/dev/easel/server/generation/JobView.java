package dev.easel.server.generation;

import java.time.Instant;
import java.util.List;

/** A job as the native API shows it. */
public record JobView(
        String id,
        JobState state,
        String model,
        String prompt,
        String negativePrompt,
        int width,
        int height,
        int steps,
        double cfgScale,
        String sampler,
        long seed,
        int count,
        Double strength,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String error,
        String batchSizes,
        Integer queuePosition,
        Progress progress,
        List<Image> images,
        String node,
        int attempts) {

    /** Steps done of the current run. */
    public record Progress(int step, int totalSteps) {}

    /** A result image and where to fetch it. */
    public record Image(int index, long seed, String url, boolean nsfw, String infotext) {}

    static JobView of(Job job, int queuePosition, JobEvent latest) {
        JobRequest r = job.request();
        Progress progress = latest != null && latest.type().equals("progress")
                ? new Progress(latest.step(), latest.totalSteps())
                : null;
        return new JobView(
                job.id(),
                job.state(),
                r.model(),
                r.prompt(),
                r.negativePrompt(),
                r.width(),
                r.height(),
                r.steps(),
                r.cfgScale(),
                r.sampler(),
                job.seed(),
                r.count(),
                r.initImage() == null ? null : r.strength(),
                job.createdAt(),
                job.startedAt(),
                job.finishedAt(),
                job.error(),
                job.batchSizes(),
                queuePosition >= 0 ? queuePosition : null,
                progress,
                job.images().stream().map(JobView::image).toList(),
                job.node(),
                job.attempts());
    }

    /** Where the native API serves a result image (content-addressed, so the URL never changes). */
    public static String imageUrl(String sha256) {
        return "/api/v1/images/" + sha256 + ".png";
    }

    private static Image image(JobImage image) {
        return new Image(image.index(), image.seed(), imageUrl(image.sha256()), image.nsfw(), image.infotext());
    }
}
