package dev.easel.engine.testing;

import static dev.easel.engine.testing.OnnxGraph.attr;
import static dev.easel.engine.testing.OnnxGraph.ints;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;

/**
 * A CLIP-like text encoder: token and position embeddings, one pre-norm causal self-attention layer and a quick-GELU
 * MLP (CLIP's activation), a final LayerNormalization; pooler_output is the mean over positions.
 */
final class TextEncoderGraph {
    static final int MAX_LENGTH = 77;
    private static final float MASKED = -1e4f;

    private TextEncoderGraph() {}

    static OnnxGraph build(int width, int vocabSize, long seed) {
        OnnxGraph g = new OnnxGraph("text_encoder", seed);
        String ids = g.input("input_ids", DataType.INT32, "batch", MAX_LENGTH);
        String tokens = g.op("Gather", List.of(g.normal(1.0, vocabSize, width), ids), attr("axis", 0));
        String hidden = g.add(tokens, g.normal(0.3, MAX_LENGTH, width));
        // the attention and MLP work in a narrow inner width so the 768/1024-wide variants stay small and fast
        int inner = Math.min(width, 64);
        hidden = g.add(hidden, selfAttention(g, g.layerNorm(hidden, width), width, inner));
        hidden = g.add(hidden, mlp(g, g.layerNorm(hidden, width), width, inner));
        String last = g.layerNorm(hidden, width);
        g.output(last, "last_hidden_state", DataType.FLOAT, "batch", MAX_LENGTH, width);
        String pooled = g.op("ReduceMean", List.of(last), ints("axes", 1), attr("keepdims", 0));
        g.output(pooled, "pooler_output", DataType.FLOAT, "batch", width);
        return g;
    }

    private static String selfAttention(OnnxGraph g, String x, int width, int inner) {
        String query = g.linear(x, width, inner, 1.0);
        String key = g.linear(x, width, inner, 1.0);
        String value = g.linear(x, width, inner, 1.0);
        String scores = g.mul(g.matMul(query, g.transpose(key, 0, 2, 1)), g.scalar((float) (1 / Math.sqrt(inner))));
        String masked = g.add(scores, causalMask(g));
        String weights = g.op("Softmax", List.of(masked), attr("axis", -1));
        return g.linear(g.matMul(weights, value), inner, width, 1.0);
    }

    /** Like CLIP, a position attends only to itself and earlier positions. */
    private static String causalMask(OnnxGraph g) {
        float[] mask = new float[MAX_LENGTH * MAX_LENGTH];
        for (int row = 0; row < MAX_LENGTH; row++) {
            for (int column = row + 1; column < MAX_LENGTH; column++) {
                mask[row * MAX_LENGTH + column] = MASKED;
            }
        }
        return g.floats(mask, MAX_LENGTH, MAX_LENGTH);
    }

    private static String mlp(OnnxGraph g, String x, int width, int inner) {
        String up = g.linear(x, width, inner, 1.0);
        String quickGelu = g.mul(up, g.op("Sigmoid", List.of(g.mul(up, g.scalar(1.702f)))));
        return g.linear(quickGelu, inner, width, 1.0);
    }
}
