package dev.easel.engine.pipeline;

import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.scheduler.NoiseSource;
import dev.easel.engine.scheduler.Scheduler;
import dev.easel.engine.scheduler.SeededNoise;

/**
 * One image being denoised: its latents, scheduler state, noise stream, text states and step index. Samples from
 * different requests advance together through {@link Denoiser#step}; a sample's result depends only on its own
 * setup, never on what shares its batch. Not thread-safe: one thread steps it at a time.
 */
public final class Sample {
    private final SampleSetup setup;
    private final Scheduler scheduler;
    private final NoiseSource noise;
    private final int latentChannels;
    private final int latentHeight;
    private final int latentWidth;
    private float[] latents;
    private int startStep;
    private int step;

    private Sample(SampleSetup setup, Scheduler scheduler, int channels, int latentHeight, int latentWidth) {
        this.setup = setup;
        this.scheduler = scheduler;
        this.noise = new SeededNoise(setup.seed());
        this.latentChannels = channels;
        this.latentHeight = latentHeight;
        this.latentWidth = latentWidth;
    }

    /** Starts a sample at its first step: pure noise, or the init image noised to the strength's level. */
    public static Sample start(DiffusionModel model, SampleSetup setup) {
        int factor = model.vaeConfig().scaleFactor();
        Scheduler scheduler = setup.sampler().create(model.schedulerConfig(), setup.steps());
        Sample sample =
                new Sample(setup, scheduler, model.unet().channels(), setup.height() / factor, setup.width() / factor);
        int size = sample.latentChannels * sample.latentHeight * sample.latentWidth;
        float[] gaussian = sample.noise.gaussian(size);
        if (setup.initLatents() == null) {
            float sigma = (float) scheduler.initNoiseSigma();
            for (int i = 0; i < size; i++) {
                gaussian[i] *= sigma;
            }
            sample.latents = gaussian;
        } else {
            // diffusers' img2img: skip the first steps - floor(steps * strength) steps of the schedule.
            int denoised = (int) Math.min(Math.floor(setup.steps() * setup.strength()), setup.steps());
            sample.startStep = setup.steps() - denoised;
            sample.step = sample.startStep;
            sample.latents = sample.step < setup.steps()
                    ? scheduler.addNoise(setup.initLatents(), gaussian, sample.step)
                    : setup.initLatents().clone();
        }
        return sample;
    }

    public SampleSetup setup() {
        return setup;
    }

    /** The step it started at: 0, or later for image-to-image (the init image is noised to that level). */
    public int startStep() {
        return startStep;
    }

    /** Steps this sample runs in all. */
    public int stepsToRun() {
        return totalSteps() - startStep;
    }

    /** Index of the next step to run. */
    public int step() {
        return step;
    }

    public int totalSteps() {
        return scheduler.steps();
    }

    public boolean done() {
        return step >= scheduler.steps();
    }

    public boolean guided() {
        return setup.negative() != null && setup.cfgScale() > 1;
    }

    public int latentChannels() {
        return latentChannels;
    }

    public int latentHeight() {
        return latentHeight;
    }

    public int latentWidth() {
        return latentWidth;
    }

    /** A copy of the current latents, for previews and decoding. */
    public float[] latents() {
        return latents.clone();
    }

    double timestep() {
        return scheduler.timesteps()[step];
    }

    float[] modelInput() {
        return scheduler.scaleModelInput(latents, step);
    }

    /** Applies one model prediction (already guided) and moves to the next step. */
    void advance(float[] prediction) {
        latents = scheduler.step(prediction, step, latents, noise);
        step++;
    }
}
