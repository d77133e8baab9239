package dev.easel.trainer.net;

import dev.easel.trainer.graph.Ops;

/** Building blocks shared by the networks, written once over {@link Ops}. */
final class Blocks {

    static final int GROUPS = 8;

    private Blocks() {}

    /**
     * Pre-activation residual block: GroupNorm, SiLU, conv, (+ time embedding), GroupNorm, SiLU, conv, plus a 1x1
     * projection of the input when the channel count changes. {@code timeEmbedding} may be null.
     */
    static <T> T residual(Ops<T> ops, T x, String name, int in, int out, T timeEmbedding) {
        T h = ops.conv2d(ops.silu(ops.groupNorm(x, name + ".norm1", GROUPS)), name + ".conv1", out, 3, 1);
        if (timeEmbedding != null) {
            T shift = ops.linear(ops.silu(timeEmbedding), name + ".time", out);
            h = ops.add(h, ops.reshape(shift, 0, 0, 1, 1));
        }
        h = ops.conv2d(ops.silu(ops.groupNorm(h, name + ".norm2", GROUPS)), name + ".conv2", out, 3, 1);
        T skip = in == out ? x : ops.conv2d(x, name + ".skip", out, 1, 1);
        return ops.add(h, skip);
    }

    /**
     * Multi-head attention of queries [B, N, C] over keys/values [B, M, Ck]; {@code mask} (additive, [N, M]) may be
     * null.
     */
    static <T> T attention(Ops<T> ops, T queries, T keysValues, String name, int dim, int heads, T mask) {
        T q = splitHeads(ops, ops.linear(queries, name + ".q", dim), heads);
        T k = splitHeads(ops, ops.linear(keysValues, name + ".k", dim), heads);
        T v = splitHeads(ops, ops.linear(keysValues, name + ".v", dim), heads);
        T scores = ops.scale(ops.matmul(q, ops.transpose(k, 0, 1, 3, 2)), (float) (1 / Math.sqrt(dim / heads)));
        if (mask != null) {
            scores = ops.add(scores, mask);
        }
        T mixed = ops.matmul(ops.softmax(scores, -1), v);
        T merged = ops.reshape(ops.transpose(mixed, 0, 2, 1, 3), 0, 0, -1);
        return ops.linear(merged, name + ".out", dim);
    }

    /** Two-layer feed-forward network with a 4x wider hidden layer. */
    static <T> T feedForward(Ops<T> ops, T x, String name, int dim) {
        return ops.linear(ops.quickGelu(ops.linear(x, name + ".fc1", dim * 4)), name + ".fc2", dim);
    }

    /**
     * Transformer block over the pixels of an NCHW feature map: self-attention, cross-attention to the text
     * context, feed-forward; each pre-normalised and residual, as in Stable Diffusion's spatial transformer.
     */
    static <T> T spatialTransformer(Ops<T> ops, T x, T context, String name, int channels, int heads) {
        T h = ops.groupNorm(x, name + ".norm", GROUPS);
        h = ops.transpose(ops.reshape(h, 0, 0, -1), 0, 2, 1);
        T n1 = ops.layerNorm(h, name + ".ln1");
        h = ops.add(h, attention(ops, n1, n1, name + ".self", channels, heads, null));
        h = ops.add(
                h, attention(ops, ops.layerNorm(h, name + ".ln2"), context, name + ".cross", channels, heads, null));
        h = ops.add(h, feedForward(ops, ops.layerNorm(h, name + ".ln3"), name + ".ff", channels));
        return ops.add(x, ops.reshapeLike(ops.transpose(h, 0, 2, 1), x));
    }

    /**
     * Cross-attention only (no self-attention or feed-forward): the cheap variant for the full-resolution level,
     * where self-attention over every latent pixel would dominate the training cost.
     */
    static <T> T crossAttentionBlock(Ops<T> ops, T x, T context, String name, int channels, int heads) {
        T h = ops.groupNorm(x, name + ".norm", GROUPS);
        h = ops.transpose(ops.reshape(h, 0, 0, -1), 0, 2, 1);
        h = attention(ops, ops.layerNorm(h, name + ".ln"), context, name + ".cross", channels, heads, null);
        return ops.add(x, ops.reshapeLike(ops.transpose(h, 0, 2, 1), x));
    }

    private static <T> T splitHeads(Ops<T> ops, T x, int heads) {
        return ops.transpose(ops.reshape(x, 0, 0, heads, -1), 0, 2, 1, 3);
    }
}
