package dev.easel.trainer.net;

import dev.easel.trainer.graph.Ops;

/**
 * CLIP-style text transformer: token + learned position embeddings, causal pre-norm transformer layers, final layer
 * norm. Output is the per-token hidden state [B, 77, dim] that the UNet cross-attends to.
 */
public record TextEncoder(int vocabSize, int dim, int layers, int heads, int maxLength) {

    public <T> T forward(Ops<T> ops, T inputIds) {
        T x = ops.add(
                ops.embedding(inputIds, "token_embedding", vocabSize, dim),
                ops.parameter("position_embedding", maxLength, dim));
        T mask = ops.constant(causalMask(maxLength), maxLength, maxLength);
        for (int i = 0; i < layers; i++) {
            String name = "layers." + i;
            T n1 = ops.layerNorm(x, name + ".ln1");
            x = ops.add(x, Blocks.attention(ops, n1, n1, name + ".attn", dim, heads, mask));
            x = ops.add(x, Blocks.feedForward(ops, ops.layerNorm(x, name + ".ln2"), name + ".mlp", dim));
        }
        return ops.layerNorm(x, "final_layer_norm");
    }

    /** Each token sees itself and earlier tokens only, so padding after the end token cannot change them. */
    static float[] causalMask(int length) {
        float[] mask = new float[length * length];
        for (int row = 0; row < length; row++) {
            for (int col = row + 1; col < length; col++) {
                mask[row * length + col] = -1e9f;
            }
        }
        return mask;
    }
}
