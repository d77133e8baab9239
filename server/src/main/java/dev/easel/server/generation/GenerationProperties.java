package dev.easel.server.generation;

import dev.easel.engine.model.OrtSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the generation path.
 *
 * @param maxBatch samples per UNet call; 1 serves one image at a time
 * @param shortJobBatch samples per UNet call while a short job (half the median steps or fewer) is in the batch, so
 *     that it is not slowed down by a full batch; {@code maxBatch} or more turns this off
 * @param queueCapacity jobs waiting across all models before submissions get 429
 * @param maxJobsPerUser a user's queued plus running jobs before their submissions get 429
 * @param queueTimeout how long a job may wait before it fails
 * @param modelMemoryBytes budget for loaded models; idle models are evicted beyond it
 * @param textCacheBytes budget of the text-embedding cache
 * @param preload models loaded at startup
 * @param previewEvery steps between previews on the event stream (0 = none)
 * @param intraOpThreads ONNX Runtime threads per operator within one call (default 1; 0 = one per core)
 * @param rowWorkers calls at once that a batch's rows are split into, each on its own thread (default: one per core)
 * @param ortSpinning whether ONNX Runtime's idle threads busy-wait; off by default, as spinning threads take the
 *     cores from request handling and image encoding (see docs/benchmarks.md)
 * @param nsfwPolicy what happens to images the model's safety checker flags
 */
@ConfigurationProperties("easel.generation")
public record GenerationProperties(
        Integer maxBatch,
        Integer shortJobBatch,
        Integer queueCapacity,
        Integer maxJobsPerUser,
        Duration queueTimeout,
        Long modelMemoryBytes,
        Long textCacheBytes,
        List<String> preload,
        Integer previewEvery,
        Integer intraOpThreads,
        Integer rowWorkers,
        Boolean ortSpinning,
        NsfwPolicy nsfwPolicy) {

    /** FLAG keeps flagged images and marks them NSFW; REDACT stores a black image in their place (as A1111 does). */
    public enum NsfwPolicy {
        FLAG,
        REDACT
    }

    public GenerationProperties {
        maxBatch = maxBatch == null ? 8 : maxBatch;
        shortJobBatch = shortJobBatch == null ? 1 : shortJobBatch;
        queueCapacity = queueCapacity == null ? 256 : queueCapacity;
        maxJobsPerUser = maxJobsPerUser == null ? 16 : maxJobsPerUser;
        queueTimeout = queueTimeout == null ? Duration.ofMinutes(30) : queueTimeout;
        modelMemoryBytes = modelMemoryBytes == null ? 8L << 30 : modelMemoryBytes;
        textCacheBytes = textCacheBytes == null ? 64L << 20 : textCacheBytes;
        preload = preload == null ? List.of() : List.copyOf(preload);
        previewEvery = previewEvery == null ? 5 : previewEvery;
        intraOpThreads = intraOpThreads == null ? OrtSettings.defaults().intraOpThreads() : intraOpThreads;
        rowWorkers = rowWorkers == null ? OrtSettings.defaults().rowWorkers() : rowWorkers;
        ortSpinning = ortSpinning != null && ortSpinning;
        nsfwPolicy = nsfwPolicy == null ? NsfwPolicy.FLAG : nsfwPolicy;
        if (maxBatch < 1) {
            throw new IllegalArgumentException("easel.generation.max-batch must be at least 1, got " + maxBatch);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException(
                    "easel.generation.intra-op-threads must be 0 (one per core) or more, got " + intraOpThreads);
        }
        if (rowWorkers < 1) {
            throw new IllegalArgumentException("easel.generation.row-workers must be at least 1, got " + rowWorkers);
        }
        if (shortJobBatch < 1) {
            throw new IllegalArgumentException(
                    "easel.generation.short-job-batch must be at least 1, got " + shortJobBatch);
        }
    }
}
