package dev.easel.engine.model;

import ai.onnxruntime.TensorInfo;
import dev.easel.engine.ModelException;
import dev.easel.engine.tensor.FloatTensor;
import dev.easel.engine.tensor.LongTensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The text encoder: token ids [batch, context] to hidden states [batch, context, width]. */
public final class TextEncoder {
    private final OnnxPart part;
    private final String idsInput;
    private final String statesOutput;
    private final long fixedBatch;
    private final int width;

    TextEncoder(OnnxPart part) {
        this.part = part;
        this.idsInput = Signatures.pick(part.file(), "input", part.inputs(), "input_ids", 2, Signatures.INTEGERS);
        this.statesOutput =
                Signatures.pick(part.file(), "output", part.outputs(), "last_hidden_state", 3, Signatures.FLOATS);
        TensorInfo states = part.outputs().get(statesOutput);
        this.width = (int) Signatures.dim(states, -1);
        if (width == 0) {
            throw new ModelException(part.file() + ": " + statesOutput + " must have a fixed width (last dimension)");
        }
        this.fixedBatch = Signatures.dim(part.inputs().get(idsInput), 0);
    }

    /** Width of each token's hidden state (768 for SD1, 1024 for SD2). */
    public int width() {
        return width;
    }

    /** Encodes several token-id rows of equal length in as few calls as the model allows. */
    public List<float[]> encode(List<int[]> tokenIds) {
        int context = tokenIds.get(0).length;
        return part.inRows(tokenIds, fixedBatch, rows -> {
            long[] ids = new long[rows.size() * context];
            for (int i = 0; i < rows.size(); i++) {
                int[] row = rows.get(i);
                if (row.length != context) {
                    throw new IllegalArgumentException("token rows differ in length");
                }
                for (int j = 0; j < context; j++) {
                    ids[i * context + j] = row[j];
                }
            }
            Map<String, FloatTensor> out =
                    part.run(Map.of(idsInput, new LongTensor(new long[] {rows.size(), context}, ids)));
            FloatTensor states = out.get(statesOutput);
            if (states.shape()[2] != width) {
                throw new ModelException(part.file() + ": emitted states of shape " + Arrays.toString(states.shape()));
            }
            return Arrays.asList(states.unstack());
        });
    }

    OnnxPart part() {
        return part;
    }
}
