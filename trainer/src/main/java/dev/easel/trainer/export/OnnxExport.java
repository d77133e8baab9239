package dev.easel.trainer.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.easel.trainer.graph.FloatTensor;
import dev.easel.trainer.graph.OnnxGraph;
import dev.easel.trainer.net.TextEncoder;
import dev.easel.trainer.net.UNet;
import dev.easel.trainer.net.VaeDecoder;
import dev.easel.trainer.net.VaeEncoder;
import java.util.Map;

/** ONNX graphs of the four networks with the input and output names of the diffusers ONNX layout. */
public final class OnnxExport {

    private OnnxExport() {}

    public static ModelProto textEncoder(TextEncoder net, Map<String, FloatTensor> parameters) {
        OnnxGraph g = new OnnxGraph("text_encoder", parameters);
        String ids = g.input("input_ids", DataType.INT32, "batch", net.maxLength());
        g.output(net.forward(g, ids), "last_hidden_state", "batch", net.maxLength(), net.dim());
        return g.toModel();
    }

    public static ModelProto unet(UNet net, Map<String, FloatTensor> parameters, int textLength) {
        OnnxGraph g = new OnnxGraph("unet", parameters);
        String sample = g.input("sample", DataType.FLOAT, "batch", net.latentChannels(), "height", "width");
        String timestep = g.input("timestep", DataType.INT64, "batch");
        String context = g.input("encoder_hidden_states", DataType.FLOAT, "batch", textLength, net.contextDim());
        g.output(
                net.forward(g, sample, timestep, context),
                "out_sample",
                "batch",
                net.latentChannels(),
                "height",
                "width");
        return g.toModel();
    }

    public static ModelProto vaeEncoder(VaeEncoder net, Map<String, FloatTensor> parameters) {
        OnnxGraph g = new OnnxGraph("vae_encoder", parameters);
        String image = g.input("sample", DataType.FLOAT, "batch", 3, "height", "width");
        g.output(
                net.forward(g, image), "latent_sample", "batch", net.latentChannels(), "latent_height", "latent_width");
        return g.toModel();
    }

    public static ModelProto vaeDecoder(VaeDecoder net, Map<String, FloatTensor> parameters) {
        OnnxGraph g = new OnnxGraph("vae_decoder", parameters);
        String latents = g.input(
                "latent_sample", DataType.FLOAT, "batch", net.latentChannels(), "latent_height", "latent_width");
        g.output(net.forward(g, latents), "sample", "batch", 3, "height", "width");
        return g.toModel();
    }
}
