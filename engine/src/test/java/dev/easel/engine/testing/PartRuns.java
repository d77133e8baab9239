package dev.easel.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Runs tiny model parts with ONNX Runtime on batches built from per-element rows, checking each output's shape and
 * finiteness on the way out.
 */
final class PartRuns {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private PartRuns() {}

    /** Runs the text encoder on token id rows of 77; returns each output by name. */
    static Map<String, float[]> text(OrtSession session, int width, int[]... prompts) throws OrtException {
        int[] ids = concat(prompts.length, List.of(prompts));
        try (OnnxTensor input = OnnxTensor.createTensor(ENV, IntBuffer.wrap(ids), new long[] {prompts.length, 77});
                OrtSession.Result result = session.run(Map.of("input_ids", input))) {
            Map<String, float[]> outputs = new HashMap<>();
            outputs.put("last_hidden_state", floats(result, "last_hidden_state", prompts.length, 77, width));
            outputs.put("pooler_output", floats(result, "pooler_output", prompts.length, width));
            return outputs;
        }
    }

    /** Runs a one-input, one-output float part (VAE decoder or encoder) and returns that output. */
    static float[] image(OrtSession session, String input, List<float[]> rows, long[] rowShape, long... outRowShape)
            throws OrtException {
        try (OnnxTensor tensor = floatTensor(rows, rowShape, false);
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            return floats(result, session.getOutputNames().iterator().next(), batchShape(rows.size(), outRowShape));
        }
    }

    /** Runs the safety checker on CLIP inputs [3,224,224] with small images; returns the flags. */
    static boolean[] safety(OrtSession session, List<float[]> clipInputs) throws OrtException {
        int batch = clipInputs.size();
        float[] image = new float[4 * 5 * 3];
        for (int i = 0; i < image.length; i++) {
            image[i] = i / (float) image.length;
        }
        List<float[]> images = Collections.nCopies(batch, image);
        try (OnnxTensor clip = floatTensor(clipInputs, new long[] {3, 224, 224}, false);
                OnnxTensor pictures = floatTensor(images, new long[] {4, 5, 3}, false);
                OrtSession.Result result = session.run(Map.of("clip_input", clip, "images", pictures))) {
            assertThat(floats(result, "out_images", batch, 4, 5, 3)).containsExactly(concatFloats(images));
            OnnxTensor flags = (OnnxTensor) result.get("has_nsfw_concepts").orElseThrow();
            assertThat(flags.getInfo().getShape()).containsExactly(batch);
            return (boolean[]) flags.getValue();
        }
    }

    /** UNet calls on one session; timesteps has one value per batch element, or one value for unbatched kinds. */
    static final class UNetCall {
        private final OrtSession session;
        private final TinyModelSpec spec;
        private final long[] sampleShape;

        /** sampleShape is one element's [C, h, w]. */
        UNetCall(OrtSession session, TinyModelSpec spec, long... sampleShape) {
            this.session = session;
            this.spec = spec;
            this.sampleShape = sampleShape.clone();
        }

        float[] run(List<float[]> samples, float[] timesteps, List<float[]> texts) throws OrtException {
            boolean half = spec.float16Unet();
            long[] textShape = {77, spec.unetTextWidth()};
            try (OnnxTensor sample = floatTensor(samples, sampleShape, half);
                    OnnxTensor timestep = timestepTensor(spec.timestepKind(), timesteps);
                    OnnxTensor text = floatTensor(texts, textShape, half);
                    OrtSession.Result result = session.run(
                            Map.of("sample", sample, "timestep", timestep, "encoder_hidden_states", text))) {
                return floats(result, "out_sample", batchShape(samples.size(), sampleShape));
            }
        }
    }

    private static OnnxTensor timestepTensor(TimestepKind kind, float[] values) throws OrtException {
        long[] shape = kind.batched() ? new long[] {values.length} : kind.shape();
        return switch (kind.elementType()) {
            case FLOAT -> OnnxTensor.createTensor(ENV, FloatBuffer.wrap(values), shape);
            case INT32 -> {
                int[] ints = new int[values.length];
                for (int i = 0; i < values.length; i++) {
                    ints[i] = Math.round(values[i]);
                }
                yield OnnxTensor.createTensor(ENV, IntBuffer.wrap(ints), shape);
            }
            case INT64 -> {
                long[] longs = new long[values.length];
                for (int i = 0; i < values.length; i++) {
                    longs[i] = Math.round(values[i]);
                }
                yield OnnxTensor.createTensor(ENV, LongBuffer.wrap(longs), shape);
            }
            default -> throw new IllegalArgumentException("timestep type " + kind.elementType());
        };
    }

    private static OnnxTensor floatTensor(List<float[]> rows, long[] rowShape, boolean half) throws OrtException {
        float[] values = concatFloats(rows);
        long[] shape = batchShape(rows.size(), rowShape);
        if (!half) {
            return OnnxTensor.createTensor(ENV, FloatBuffer.wrap(values), shape);
        }
        short[] halves = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            halves[i] = Float.floatToFloat16(values[i]);
        }
        return OnnxTensor.createTensor(ENV, ShortBuffer.wrap(halves), shape, OnnxJavaType.FLOAT16);
    }

    /** Reads a float or float16 output as floats after checking its shape and that every value is finite. */
    private static float[] floats(OrtSession.Result result, String name, long... expectedShape) {
        OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow();
        assertThat(tensor.getInfo().getShape()).as(name + " shape").containsExactly(expectedShape);
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        for (float value : values) {
            assertThat(Float.isFinite(value)).as(name + " finite").isTrue();
        }
        return values;
    }

    private static long[] batchShape(int batch, long[] rowShape) {
        return LongStream.concat(LongStream.of(batch), LongStream.of(rowShape)).toArray();
    }

    private static float[] concatFloats(List<float[]> rows) {
        int rowLength = rows.getFirst().length;
        float[] all = new float[rows.size() * rowLength];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * rowLength, rowLength);
        }
        return all;
    }

    private static int[] concat(int count, List<int[]> rows) {
        int[] all = new int[count * 77];
        for (int i = 0; i < count; i++) {
            System.arraycopy(rows.get(i), 0, all, i * 77, 77);
        }
        return all;
    }
}
