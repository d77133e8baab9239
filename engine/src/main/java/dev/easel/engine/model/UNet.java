package dev.easel.engine.model;

import ai.onnxruntime.TensorInfo;
import dev.easel.engine.ModelException;
import dev.easel.engine.tensor.FloatTensor;
import dev.easel.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The denoising UNet: noisy latents, timesteps and text states in, a noise (or v) prediction out. */
public final class UNet {
    private final OnnxPart part;
    private final String sampleInput;
    private final String timestepInput;
    private final String textInput;
    private final String prediction;
    private final int channels;
    private final int textWidth;
    private final long fixedBatch;
    private final long fixedHeight;
    private final long fixedWidth;
    private final boolean timestepPerRow;
    private final long[] timestepShape;

    UNet(OnnxPart part) {
        this.part = part;
        String file = part.file();
        this.sampleInput = Signatures.pick(file, "input", part.inputs(), "sample", 4, Signatures.FLOATS);
        this.textInput = Signatures.pick(file, "input", part.inputs(), "encoder_hidden_states", 3, Signatures.FLOATS);
        this.timestepInput = Signatures.pick(file, "input", part.inputs(), "timestep", -1, Signatures.TIMESTEP_TYPES);
        this.prediction = Signatures.pick(file, "output", part.outputs(), "out_sample", 4, Signatures.FLOATS);
        TensorInfo sample = part.inputs().get(sampleInput);
        this.channels = (int) Signatures.dim(sample, 1);
        this.fixedBatch = Signatures.dim(sample, 0);
        this.fixedHeight = Signatures.dim(sample, 2);
        this.fixedWidth = Signatures.dim(sample, 3);
        this.textWidth = (int) Signatures.dim(part.inputs().get(textInput), 2);
        if (channels == 0 || textWidth == 0) {
            throw new ModelException(file + ": the latent channels and text width must be fixed dimensions");
        }
        TensorInfo timestep = part.inputs().get(timestepInput);
        if (Signatures.rank(timestep) > 1) {
            throw new ModelException(file + ": " + timestepInput + " must be a scalar or have one axis, it has "
                    + Signatures.rank(timestep));
        }
        long timestepLength = Signatures.rank(timestep) == 1 ? Signatures.dim(timestep, 0) : 1;
        // A timestep axis that is dynamic, or as long as a fixed batch, carries one timestep per row.
        this.timestepPerRow = Signatures.rank(timestep) == 1
                && (timestepLength == 0 || (timestepLength == fixedBatch && fixedBatch > 1));
        this.timestepShape = Signatures.rank(timestep) == 0 ? new long[0] : new long[] {1};
    }

    public int channels() {
        return channels;
    }

    public int textWidth() {
        return textWidth;
    }

    /** Whether rows at different timesteps can share one call. */
    public boolean batchesTimesteps() {
        return timestepPerRow;
    }

    /** Latent height and width the model is fixed to, or 0 when dynamic. */
    public long fixedLatentHeight() {
        return fixedHeight;
    }

    public long fixedLatentWidth() {
        return fixedWidth;
    }

    /**
     * Predicts for rows of one latent size in one call when the timestep has a batch axis, else one call per distinct
     * timestep; results come back in the rows' order.
     */
    public List<float[]> predict(List<UNetInput> rows, int latentHeight, int latentWidth) {
        if (timestepPerRow) {
            return part.inRows(rows, fixedBatch, batch -> call(batch, latentHeight, latentWidth));
        }
        Map<Double, List<Integer>> byTimestep = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byTimestep
                    .computeIfAbsent(rows.get(i).timestep(), t -> new ArrayList<>())
                    .add(i);
        }
        float[][] out = new float[rows.size()][];
        for (List<Integer> group : byTimestep.values()) {
            List<UNetInput> groupRows = group.stream().map(rows::get).toList();
            List<float[]> results = part.inRows(groupRows, fixedBatch, batch -> call(batch, latentHeight, latentWidth));
            for (int i = 0; i < group.size(); i++) {
                out[group.get(i)] = results.get(i);
            }
        }
        return Arrays.asList(out);
    }

    private List<float[]> call(List<UNetInput> rows, int latentHeight, int latentWidth) {
        int context = rows.get(0).textStates().length / textWidth;
        FloatTensor sample =
                FloatTensor.stack(rows.stream().map(UNetInput::latents).toList(), channels, latentHeight, latentWidth);
        FloatTensor text =
                FloatTensor.stack(rows.stream().map(UNetInput::textStates).toList(), context, textWidth);
        FloatTensor timestep;
        if (timestepPerRow) {
            float[] values = new float[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) rows.get(i).timestep();
            }
            timestep = new FloatTensor(new long[] {rows.size()}, values);
        } else {
            timestep = new FloatTensor(
                    timestepShape, new float[] {(float) rows.get(0).timestep()});
        }
        Map<String, Tensor> feed = Map.of(sampleInput, sample, timestepInput, timestep, textInput, text);
        FloatTensor out = part.run(feed).get(prediction);
        if (out.size() != sample.size()) {
            throw new ModelException(part.file() + ": " + prediction + " has shape " + Arrays.toString(out.shape())
                    + " but the sample has " + Arrays.toString(sample.shape()));
        }
        return Arrays.asList(out.unstack());
    }

    /** ONNX Runtime calls made so far; tests and metrics use it to see batching at work. */
    public long calls() {
        return part.runs();
    }

    OnnxPart part() {
        return part;
    }
}
