package dev.easel.trainer.net;

import dev.easel.trainer.graph.Ops;

/**
 * Convolutional encoder from RGB in [-1, 1] to latents; each level after the first halves the resolution, so the
 * spatial factor is 2^(levels-1).
 */
public record VaeEncoder(int[] channels, int latentChannels) {

    public <T> T forward(Ops<T> ops, T image) {
        T h = ops.conv2d(image, "conv_in", channels[0], 3, 1);
        for (int i = 0; i < channels.length; i++) {
            h = Blocks.residual(ops, h, "down" + i + ".res", channels[i], channels[i], null);
            if (i + 1 < channels.length) {
                h = ops.conv2d(h, "down" + i + ".downsample", channels[i + 1], 3, 2);
            }
        }
        int last = channels[channels.length - 1];
        h = Blocks.residual(ops, h, "mid.res", last, last, null);
        h = ops.silu(ops.groupNorm(h, "norm_out", Blocks.GROUPS));
        return ops.conv2d(h, "conv_out", latentChannels, 3, 1);
    }
}
