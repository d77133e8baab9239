package dev.easel.trainer.net;

import dev.easel.trainer.graph.Ops;

/**
 * Denoising UNet over latents with two resolution levels and a middle block; every level has a residual block
 * (conditioned on the timestep) and attention to the text hidden states: a full transformer block (self-attention,
 * cross-attention, feed-forward) at half resolution, cross-attention alone at full resolution.
 *
 * @param channels feature channels per level, e.g. {64, 128}: level 0 at latent resolution, level 1 at half
 */
public record UNet(int latentChannels, int[] channels, int contextDim, int heads, int timeDim) {

    /** sample [B, C, h, w] float, timestep [B] (any numeric type), context [B, 77, contextDim]. */
    public <T> T forward(Ops<T> ops, T sample, T timestep, T context) {
        T time = timeEmbedding(ops, timestep);
        int c0 = channels[0];
        int c1 = channels[1];
        T h = ops.conv2d(sample, "conv_in", c0, 3, 1);
        h = Blocks.residual(ops, h, "down0.res", c0, c0, time);
        T skip0 = Blocks.crossAttentionBlock(ops, h, context, "down0.attn", c0, heads);
        h = ops.conv2d(skip0, "down0.downsample", c0, 3, 2);
        h = Blocks.residual(ops, h, "down1.res", c0, c1, time);
        T skip1 = Blocks.spatialTransformer(ops, h, context, "down1.attn", c1, heads);
        h = Blocks.residual(ops, skip1, "mid.res1", c1, c1, time);
        h = Blocks.spatialTransformer(ops, h, context, "mid.attn", c1, heads);
        h = Blocks.residual(ops, h, "mid.res2", c1, c1, time);
        h = Blocks.residual(ops, ops.concat(1, h, skip1), "up1.res", 2 * c1, c1, time);
        h = Blocks.spatialTransformer(ops, h, context, "up1.attn", c1, heads);
        h = ops.conv2d(ops.upsample2x(h), "up1.upsample", c0, 3, 1);
        h = Blocks.residual(ops, ops.concat(1, h, skip0), "up0.res", 2 * c0, c0, time);
        h = Blocks.crossAttentionBlock(ops, h, context, "up0.attn", c0, heads);
        h = ops.silu(ops.groupNorm(h, "norm_out", Blocks.GROUPS));
        return ops.conv2d(h, "conv_out", latentChannels, 3, 1);
    }

    /** Sinusoidal embedding of the timestep (as in DDPM/SD) followed by a two-layer MLP. */
    private <T> T timeEmbedding(Ops<T> ops, T timestep) {
        int half = channels[0] / 2;
        float[] frequencies = new float[half];
        for (int i = 0; i < half; i++) {
            frequencies[i] = (float) Math.exp(-Math.log(10000) * i / half);
        }
        T angles = ops.mul(ops.reshape(ops.toFloat(timestep), -1, 1), ops.constant(frequencies, 1, half));
        T embedded = ops.concat(1, ops.sin(angles), ops.cos(angles));
        return ops.linear(ops.silu(ops.linear(embedded, "time.fc1", timeDim)), "time.fc2", timeDim);
    }
}
