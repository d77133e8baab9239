package dev.easel.engine.testing;

import static dev.easel.engine.testing.OnnxGraph.attr;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;

/**
 * Latents to an RGB image f times larger: conv, SiLU, nearest upsampling, conv, Tanh, Clip (Tanh alone can overshoot
 * ±1 by a rounding error).
 */
final class VaeDecoderGraph {
    static final int CHANNELS = 8;

    private VaeDecoderGraph() {}

    static OnnxGraph build(int latentChannels, int factor, long seed) {
        OnnxGraph g = new OnnxGraph("vae_decoder", seed);
        String latent = g.input("latent_sample", DataType.FLOAT, "batch", latentChannels, "height", "width");
        // pipelines feed latents divided by the scaling factor (std about 5.5): scale back so Tanh does not saturate
        String features = g.silu(g.conv(latent, latentChannels, CHANNELS, 3, 1, TinyModels.VAE_SCALING_FACTOR));
        String upsampled = g.op(
                "Resize",
                List.of(features, "", g.floats(new float[] {1, 1, factor, factor}, 4)),
                attr("mode", "nearest"));
        String tanh = g.op("Tanh", List.of(g.conv(upsampled, CHANNELS, 3, 3, 1, 1.0)));
        String image = g.op("Clip", List.of(tanh, g.scalar(-1), g.scalar(1)));
        g.output(image, "sample", DataType.FLOAT, "batch", 3, "image_height", "image_width");
        return g;
    }
}
