package dev.easel.server.generation;

import dev.easel.engine.pipeline.DecodedImage;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.Sample;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/** A job whose samples are in (or waiting for) a batch, with the results gathered so far. */
final class RunningJob {
    final Job job;
    final GenerationRequest request;
    final List<Sample> samples;
    final DecodedImage[] results;
    final Set<Integer> batchSizes = new LinkedHashSet<>();
    final boolean truncated;
    int decoded;

    RunningJob(Job job, GenerationRequest request, List<Sample> samples, boolean truncated) {
        this.job = job;
        this.request = request;
        this.samples = samples;
        this.results = new DecodedImage[samples.size()];
        this.truncated = truncated;
    }

    String id() {
        return job.id();
    }

    boolean complete() {
        return decoded == samples.size();
    }

    /** Progress as steps done over steps in all, across the job's images. */
    int stepsDone() {
        return samples.stream().mapToInt(s -> s.step() - s.startStep()).sum() / samples.size();
    }

    int totalSteps() {
        return samples.get(0).stepsToRun();
    }

    String batchSizesText() {
        StringJoiner joiner = new StringJoiner(",");
        batchSizes.forEach(size -> joiner.add(size.toString()));
        return joiner.toString();
    }
}
