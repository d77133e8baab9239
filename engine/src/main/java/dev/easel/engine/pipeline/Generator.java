package dev.easel.engine.pipeline;

import dev.easel.engine.image.GenerationInfo;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Generates the images of one request: a thin loop over the step-level API ({@link Sample}, {@link Denoiser}). */
public final class Generator {
    private static final SecureRandom SEEDS = new SecureRandom();

    private final DiffusionModel model;
    private final Denoiser denoiser;

    public Generator(DiffusionModel model) {
        this.model = model;
        this.denoiser = new Denoiser(model.unet());
    }

    public List<GeneratedImage> generate(GenerationRequest request, ProgressListener progress) {
        RequestLimits.check(request, model);
        long seed = request.seed() == GenerationRequest.RANDOM_SEED ? randomSeed() : request.seed();
        List<Sample> samples = startSamples(request, seed);
        int total = samples.get(0).stepsToRun();
        for (int completed = 1; completed <= total; completed++) {
            denoiser.step(samples);
            progress.onStep(completed, total);
        }
        List<DecodedImage> decoded = total == 0 ? unchangedInitImages(request) : SampleDecoder.decode(model, samples);
        List<GeneratedImage> images = new ArrayList<>(decoded.size());
        for (int i = 0; i < decoded.size(); i++) {
            Sample sample = samples.get(i);
            boolean truncated = sample.setup().prompt().truncated()
                    || (sample.setup().negative() != null
                            && sample.setup().negative().truncated());
            images.add(new GeneratedImage(
                    decoded.get(i).image(),
                    seed + i,
                    decoded.get(i).nsfw(),
                    info(model, request, seed + i, truncated)));
        }
        return images;
    }

    /** A1111's random seeds are 32-bit; so are ours, so they can be typed back in anywhere. */
    public static long randomSeed() {
        return SEEDS.nextLong(1L << 32);
    }

    private List<Sample> startSamples(GenerationRequest request, long seed) {
        boolean guided = request.guided();
        List<EncodedPrompt> prompts = PromptEncoder.encode(
                model, guided ? List.of(request.prompt(), request.negativePrompt()) : List.of(request.prompt()));
        float[] initLatents = request.initImage()
                .map(image -> model.vaeEncoder()
                        .orElseThrow()
                        .encode(
                                image.resize(request.width(), request.height()),
                                model.unet().channels()))
                .orElse(null);
        List<Sample> samples = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            SampleSetup setup = new SampleSetup(
                    prompts.get(0),
                    guided ? prompts.get(1) : null,
                    request.cfgScale(),
                    request.sampler(),
                    request.steps(),
                    seed + i,
                    request.width(),
                    request.height(),
                    initLatents,
                    request.strength());
            samples.add(Sample.start(model, setup));
        }
        return samples;
    }

    // At strength 0 nothing is repainted: the result is the init image itself, not a VAE round trip of it.
    private static List<DecodedImage> unchangedInitImages(GenerationRequest request) {
        RgbImage init = request.initImage().orElseThrow().resize(request.width(), request.height());
        List<DecodedImage> images = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            images.add(new DecodedImage(init, false));
        }
        return images;
    }

    /** The metadata of image {@code seed} of a request, as written into its PNG. */
    public static GenerationInfo info(DiffusionModel model, GenerationRequest request, long seed, boolean truncated) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (truncated) {
            extra.put("Prompt truncated", "true");
        }
        return new GenerationInfo(
                request.prompt(),
                request.negativePrompt(),
                request.steps(),
                request.sampler().displayName(),
                request.cfgScale(),
                seed,
                request.width(),
                request.height(),
                model.folder().shortHash(),
                model.name(),
                request.initImage().isPresent() ? OptionalDouble.of(request.strength()) : OptionalDouble.empty(),
                extra);
    }
}
