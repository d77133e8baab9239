package dev.easel.trainer.net;

import dev.easel.trainer.graph.Ops;

/** Mirror of {@link VaeEncoder}: latents to RGB in about [-1, 1], doubling the resolution between levels. */
public record VaeDecoder(int[] channels, int latentChannels) {

    public <T> T forward(Ops<T> ops, T latents) {
        int last = channels[channels.length - 1];
        T h = ops.conv2d(latents, "conv_in", last, 3, 1);
        h = Blocks.residual(ops, h, "mid.res", last, last, null);
        for (int i = channels.length - 1; i >= 0; i--) {
            h = Blocks.residual(ops, h, "up" + i + ".res", channels[i], channels[i], null);
            if (i > 0) {
                h = ops.conv2d(ops.upsample2x(h), "up" + i + ".upsample", channels[i - 1], 3, 1);
            }
        }
        h = ops.silu(ops.groupNorm(h, "norm_out", Blocks.GROUPS));
        return ops.conv2d(h, "conv_out", 3, 3, 1);
    }
}
