package dev.easel.engine.testing;

import static dev.easel.engine.testing.OnnxGraph.attr;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;

/**
 * A small conditional UNet-like denoiser: conv in, sinusoidal timestep embedding added to the features, residual
 * blocks (group norm, SiLU, conv) each followed by cross-attention to encoder_hidden_states, conv out.
 *
 * <p>{@code out_sample = sample + 0.1-scaled conv output}: it depends on sample, timestep and text, per batch element,
 * yet stays close to its input so that denoising loops over it stay of order 1 for any scheduler.
 */
final class UNetGraph {
    private static final int GROUPS = 2;
    private static final double OUTPUT_GAIN = 0.1;
    private static final double MAX_PERIOD = 10_000;

    private UNetGraph() {}

    static OnnxGraph build(TinyModelSpec spec, long seed) {
        OnnxGraph g = new OnnxGraph("unet", seed);
        Object batch = spec.unetFixedBatch() == 0 ? "batch" : spec.unetFixedBatch();
        DataType io = spec.float16Unet() ? DataType.FLOAT16 : DataType.FLOAT;
        int latent = spec.latentChannels();
        int channels = spec.unetChannels();
        int textWidth = spec.unetTextWidth();

        String sample = g.input("sample", io, batch, latent, "height", "width");
        String timestep = timestepInput(g, spec.timestepKind(), batch);
        String text = g.input("encoder_hidden_states", io, batch, TextEncoderGraph.MAX_LENGTH, textWidth);
        if (spec.float16Unet()) {
            sample = g.cast(sample, DataType.FLOAT);
            text = g.cast(text, DataType.FLOAT);
        }

        String x = g.add(g.conv(sample, latent, channels, 3, 1, 1.0), timeEmbedding(g, timestep, channels));
        for (int block = 0; block < spec.attentionBlocks(); block++) {
            x = g.add(x, g.conv(g.silu(g.groupNorm(x, GROUPS)), channels, channels, 3, 1, 1.0));
            x = g.add(x, crossAttention(g, x, text, channels, textWidth));
        }
        String out = g.add(sample, g.conv(g.silu(g.groupNorm(x, GROUPS)), channels, latent, 3, 1, OUTPUT_GAIN));
        if (spec.float16Unet()) {
            out = g.cast(out, DataType.FLOAT16);
        }
        g.output(out, "out_sample", io, batch, latent, "height", "width");
        return g;
    }

    private static String timestepInput(OnnxGraph g, TimestepKind kind, Object batch) {
        DataType type =
                switch (kind.elementType()) {
                    case INT64 -> DataType.INT64;
                    case INT32 -> DataType.INT32;
                    case FLOAT -> DataType.FLOAT;
                    default -> throw new IllegalArgumentException("timestep type " + kind.elementType());
                };
        if (kind.batched()) {
            return g.input("timestep", type, batch);
        }
        return kind.shape().length == 1 ? g.input("timestep", type, 1) : g.input("timestep", type);
    }

    /** Sinusoidal embedding of the timestep (as in DDPM), then an MLP; returns [n, channels, 1, 1] to broadcast. */
    private static String timeEmbedding(OnnxGraph g, String timestep, int channels) {
        int half = channels / 2;
        float[] frequencies = new float[half];
        for (int i = 0; i < half; i++) {
            frequencies[i] = (float) Math.exp(-Math.log(MAX_PERIOD) * i / half);
        }
        String t = g.reshape(g.cast(timestep, DataType.FLOAT), -1, 1);
        String angles = g.mul(t, g.floats(frequencies, 1, half));
        String sinusoid =
                g.op("Concat", List.of(g.op("Sin", List.of(angles)), g.op("Cos", List.of(angles))), attr("axis", 1));
        String embedding =
                g.linear(g.silu(g.linear(sinusoid, channels, 4 * channels, 1.0)), 4 * channels, channels, 1.0);
        return g.reshape(embedding, -1, channels, 1, 1);
    }

    /** Single-head attention: queries from the flattened features, keys and values from the text. */
    private static String crossAttention(OnnxGraph g, String x, String text, int channels, int textWidth) {
        String pixels = g.transpose(g.reshape(g.groupNorm(x, GROUPS), 0, channels, -1), 0, 2, 1);
        String query = g.linear(pixels, channels, channels, 1.0);
        String key = g.linear(text, textWidth, channels, 1.0);
        String value = g.linear(text, textWidth, channels, 1.0);
        String scores = g.mul(g.matMul(query, g.transpose(key, 0, 2, 1)), g.scalar((float) (1 / Math.sqrt(channels))));
        String attended = g.matMul(g.op("Softmax", List.of(scores), attr("axis", -1)), value);
        String projected = g.transpose(g.linear(attended, channels, channels, 1.0), 0, 2, 1);
        return g.op("Reshape", List.of(projected, g.op("Shape", List.of(x))));
    }
}
