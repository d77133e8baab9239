package dev.easel.server.generation;

import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.pipeline.EncodedPrompt;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.RequestLimits;
import dev.easel.engine.pipeline.Sample;
import dev.easel.engine.pipeline.SampleSetup;
import dev.easel.engine.scheduler.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Turns admitted jobs into samples: checks them against the loaded model, encodes their prompts together. */
@Component
class JobAdmission {
    private final TextEmbeddingCache textCache;
    private final BlobStore blobs;

    JobAdmission(TextEmbeddingCache textCache, BlobStore blobs) {
        this.textCache = textCache;
        this.blobs = blobs;
    }

    /** The engine request a job asks for; throws the engine's {@code InvalidRequestException} when it doesn't fit. */
    GenerationRequest engineRequest(Job job, DiffusionModel model) {
        JobRequest r = job.request();
        Optional<RgbImage> init = Optional.ofNullable(r.initImage())
                .map(hash -> PngImages.decode(blobs.get(hash)
                        .orElseThrow(() -> new IllegalStateException("init image " + hash + " is gone"))));
        GenerationRequest request = new GenerationRequest(
                r.prompt(),
                r.negativePrompt(),
                r.width(),
                r.height(),
                r.steps(),
                r.cfgScale(),
                Sampler.fromName(r.sampler()),
                job.seed(),
                r.count(),
                init,
                r.strength());
        RequestLimits.check(request, model);
        return request;
    }

    /** Samples for each job, with all their prompts encoded in one batched call. */
    List<RunningJob> admit(List<Job> jobs, List<GenerationRequest> requests, DiffusionModel model, String modelHash) {
        List<String> prompts = new ArrayList<>();
        for (GenerationRequest request : requests) {
            prompts.add(request.prompt());
            prompts.add(request.negativePrompt());
        }
        List<EncodedPrompt> encoded = textCache.encode(model, modelHash, prompts);
        List<RunningJob> running = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            GenerationRequest request = requests.get(j);
            EncodedPrompt prompt = encoded.get(2 * j);
            EncodedPrompt negative = request.guided() ? encoded.get(2 * j + 1) : null;
            float[] initLatents = request.initImage()
                    .map(image -> model.vaeEncoder()
                            .orElseThrow()
                            .encode(
                                    image.resize(request.width(), request.height()),
                                    model.unet().channels()))
                    .orElse(null);
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < request.count(); i++) {
                samples.add(Sample.start(
                        model,
                        new SampleSetup(
                                prompt,
                                negative,
                                request.cfgScale(),
                                request.sampler(),
                                request.steps(),
                                request.seed() + i,
                                request.width(),
                                request.height(),
                                initLatents,
                                request.strength())));
            }
            boolean truncated = prompt.truncated() || (negative != null && negative.truncated());
            running.add(new RunningJob(jobs.get(j), request, samples, truncated));
        }
        return running;
    }
}
