package dev.easel.engine.testing;

import static dev.easel.engine.testing.OnnxGraph.ints;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;

/** An RGB image to latents f times smaller: average pooling by f, conv, SiLU, conv. */
final class VaeEncoderGraph {
    private VaeEncoderGraph() {}

    static OnnxGraph build(int latentChannels, int factor, long seed) {
        OnnxGraph g = new OnnxGraph("vae_encoder", seed);
        String image = g.input("sample", DataType.FLOAT, "batch", 3, "height", "width");
        String pooled = g.op(
                "AveragePool", List.of(image), ints("kernel_shape", factor, factor), ints("strides", factor, factor));
        String features = g.silu(g.conv(pooled, 3, VaeDecoderGraph.CHANNELS, 3, 1, 1.0));
        // like SD's VAE, latents come out about 1 / scaling factor wide; pipelines multiply them by it
        double gain = 1 / TinyModels.VAE_SCALING_FACTOR;
        String latent = g.conv(features, VaeDecoderGraph.CHANNELS, latentChannels, 3, 1, gain);
        g.output(latent, "latent_sample", DataType.FLOAT, "batch", latentChannels, "latent_height", "latent_width");
        return g;
    }
}
