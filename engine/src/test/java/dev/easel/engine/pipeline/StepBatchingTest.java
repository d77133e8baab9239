package dev.easel.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.OrtSettings;
import dev.easel.engine.model.UNetInput;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.engine.scheduler.Scheduler;
import dev.easel.engine.scheduler.SeededNoise;
import dev.easel.engine.testing.TimestepKind;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step-level API: samples of different requests share UNet calls without changing each other's results. */
class StepBatchingTest {
    @TempDir
    Path dir;

    private static SampleSetup setup(
            DiffusionModel model, String prompt, double cfg, Sampler sampler, int steps, long seed) {
        List<EncodedPrompt> encoded = PromptEncoder.encode(model, List.of(prompt, ""));
        return new SampleSetup(
                encoded.get(0), cfg > 1 ? encoded.get(1) : null, cfg, sampler, steps, seed, 32, 32, null, 0);
    }

    private static float[] runAlone(DiffusionModel model, SampleSetup setup) {
        Sample sample = Sample.start(model, setup);
        Denoiser denoiser = new Denoiser(model.unet());
        while (!sample.done()) {
            denoiser.step(List.of(sample));
        }
        return sample.latents();
    }

    @Test
    void aSampleEndsTheSameWhateverSharesItsBatch() {
        try (DiffusionModel model = load(TinyModelSpec.defaults())) {
            assertSameResultsInMixedBatch(model, true);
        }
    }

    @Test
    void modelsWithOneTimestepPerCallGroupByTimestepAndStayExact() {
        try (DiffusionModel model = load(TinyModelSpec.defaults().withTimestepKind(TimestepKind.INT64_SCALAR))) {
            assertThat(model.unet().batchesTimesteps()).isFalse();
            assertSameResultsInMixedBatch(model, false);
        }
    }

    @Test
    void rowsSplitOverWorkersRunAsOneCallPerWorkerAndChangeNoResult() {
        Path folder = TinyModels.write(dir.resolve("m"), TinyModelSpec.defaults());
        try (DiffusionModel split =
                DiffusionModel.load(folder, OrtSettings.defaults().withRowWorkers(3))) {
            assertSameResultsInMixedBatch(split, true, 3);
        }
    }

    private void assertSameResultsInMixedBatch(DiffusionModel model, boolean oneCallPerStep) {
        assertSameResultsInMixedBatch(model, oneCallPerStep, 1);
    }

    /** Runs three requests alone and then together; with timestep batching, each step calls each worker once. */
    private void assertSameResultsInMixedBatch(DiffusionModel model, boolean oneCallPerStep, int workers) {
        SampleSetup a = setup(model, "red cat", 7, Sampler.EULER_A, 8, 1);
        SampleSetup b = setup(model, "blue dog", 1, Sampler.DDIM, 5, 2);
        SampleSetup c = setup(model, "heart", 3, Sampler.DPMPP_2M_KARRAS, 10, 3);
        float[] aloneA = runAlone(model, a);
        float[] aloneB = runAlone(model, b);
        float[] aloneC = runAlone(model, c);

        Denoiser denoiser = new Denoiser(model.unet());
        Sample sampleB = Sample.start(model, b);
        denoiser.step(List.of(sampleB));
        denoiser.step(List.of(sampleB));
        // A and C join while B is two steps in: three requests at different steps, prompts, guidance, samplers.
        List<Sample> batch = new ArrayList<>(List.of(sampleB, Sample.start(model, a), Sample.start(model, c)));
        while (batch.stream().anyMatch(s -> !s.done())) {
            List<Sample> active = batch.stream().filter(s -> !s.done()).toList();
            long distinctTimesteps = active.stream()
                    .map(Sample::timestep)
                    .collect(Collectors.toSet())
                    .size();
            long before = model.unet().calls();
            denoiser.step(batch);
            long calls = model.unet().calls() - before;
            int rows =
                    active.stream().mapToInt(sample -> sample.guided() ? 2 : 1).sum();
            assertThat(calls).isEqualTo(oneCallPerStep ? Math.min(workers, rows) : distinctTimesteps);
        }
        assertThat(batch.get(1).latents()).isEqualTo(aloneA);
        assertThat(batch.get(0).latents()).isEqualTo(aloneB);
        assertThat(batch.get(2).latents()).isEqualTo(aloneC);
    }

    @Test
    void guidedStepEqualsTwoSeparatePasses() {
        try (DiffusionModel model = load(TinyModelSpec.defaults())) {
            SampleSetup setup = setup(model, "red cat", 7, Sampler.EULER, 10, 5);
            Sample sample = Sample.start(model, setup);
            float[] start = sample.latents();
            new Denoiser(model.unet()).step(List.of(sample));

            Scheduler scheduler = Sampler.EULER.create(model.schedulerConfig(), 10);
            float[] input = scheduler.scaleModelInput(start, 0);
            double t = scheduler.timesteps()[0];
            float[] uncond = model.unet()
                    .predict(List.of(new UNetInput(input, t, setup.negative().states())), 4, 4)
                    .get(0);
            float[] cond = model.unet()
                    .predict(List.of(new UNetInput(input, t, setup.prompt().states())), 4, 4)
                    .get(0);
            float[] guided = new float[cond.length];
            for (int i = 0; i < guided.length; i++) {
                guided[i] = uncond[i] + 7 * (cond[i] - uncond[i]);
            }
            float[] expected = scheduler.step(guided, 0, start, new SeededNoise(5));
            float[] actual = sample.latents();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
            }
            assertThat(cond).isNotEqualTo(uncond);
        }
    }

    @Test
    void fixedBatchModelsAreCalledInChunksOfTheirSize() {
        try (DiffusionModel model = load(TinyModelSpec.defaults().withUnetFixedBatch(2))) {
            SampleSetup a = setup(model, "red cat", 1, Sampler.EULER, 3, 1);
            float[] alone = runAlone(model, a);
            List<Sample> three = List.of(
                    Sample.start(model, a),
                    Sample.start(model, setup(model, "blue dog", 1, Sampler.EULER, 3, 2)),
                    Sample.start(model, setup(model, "heart", 1, Sampler.EULER, 3, 3)));
            long before = model.unet().calls();
            new Denoiser(model.unet()).step(three);
            assertThat(model.unet().calls() - before).isEqualTo(2);
            Denoiser denoiser = new Denoiser(model.unet());
            while (!three.get(0).done()) {
                denoiser.step(three);
            }
            assertThat(three.get(0).latents()).isEqualTo(alone);
        }
    }

    private DiffusionModel load(TinyModelSpec spec) {
        // One worker: these tests count UNet calls, which a split into several workers multiplies.
        return DiffusionModel.load(
                TinyModels.write(dir.resolve("m"), spec), OrtSettings.defaults().withRowWorkers(1));
    }
}
