package dev.easel.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.easel.trainer.graph.DjlOps;
import dev.easel.trainer.graph.OwnedArrays;
import dev.easel.trainer.graph.ParameterMaps;
import dev.easel.trainer.net.TextEncoder;
import dev.easel.trainer.net.UNet;
import dev.easel.trainer.net.VaeDecoder;
import dev.easel.trainer.net.VaeEncoder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every exported graph must compute what the training-time DJL forward pass computes: small random networks, random
 * inputs, ONNX Runtime's output compared element by element.
 */
class OnnxExportEquivalenceTest {

    private static final double TOLERANCE = 1e-4;
    private static NDManager manager;
    private static OrtEnvironment env;
    private final Random random = new Random(42);

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
        env = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void textEncoderMatchesDjl() throws OrtException {
        TextEncoder net = new TextEncoder(50, 16, 2, 2, 77);
        int[] ids = new int[2 * 77];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(50);
        }
        DjlOps ops = new DjlOps(manager, 1);
        NDArray idArray = OwnedArrays.of(manager, ids, new Shape(2, 77));
        net.forward(ops, idArray);
        randomizeNormParameters(ops);
        float[] expected = net.forward(ops, idArray).toFloatArray();

        ModelProto model = OnnxExport.textEncoder(net, ParameterMaps.toHeap(ops.parameters()));
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        inputs.put("input_ids", OnnxTensor.createTensor(env, IntBuffer.wrap(ids), new long[] {2, 77}));
        assertClose(run(model, inputs, "last_hidden_state"), expected);
    }

    @Test
    void unetMatchesDjlWithPerSampleTimesteps() throws OrtException {
        UNet net = new UNet(4, new int[] {16, 24}, 16, 2, 32);
        float[] sample = gaussian(2 * 4 * 8 * 8);
        float[] context = gaussian(2 * 77 * 16);
        long[] timesteps = {999, 17};
        DjlOps ops = new DjlOps(manager, 2);
        NDArray sampleArray = OwnedArrays.of(manager, sample, new Shape(2, 4, 8, 8));
        NDArray timestepArray = OwnedArrays.of(manager, timesteps, new Shape(2));
        NDArray contextArray = OwnedArrays.of(manager, context, new Shape(2, 77, 16));
        net.forward(ops, sampleArray, timestepArray, contextArray);
        randomizeNormParameters(ops);
        float[] expected =
                net.forward(ops, sampleArray, timestepArray, contextArray).toFloatArray();

        ModelProto model = OnnxExport.unet(net, ParameterMaps.toHeap(ops.parameters()), 77);
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        inputs.put("sample", OnnxTensor.createTensor(env, FloatBuffer.wrap(sample), new long[] {2, 4, 8, 8}));
        inputs.put("timestep", OnnxTensor.createTensor(env, LongBuffer.wrap(timesteps), new long[] {2}));
        inputs.put(
                "encoder_hidden_states",
                OnnxTensor.createTensor(env, FloatBuffer.wrap(context), new long[] {2, 77, 16}));
        float[] actual = run(model, inputs, "out_sample");
        assertClose(actual, expected);
        // The two samples ran at different timesteps: their outputs must not coincide.
        assertThat(actual[0]).isNotEqualTo(actual[4 * 8 * 8]);
    }

    @Test
    void vaeEncoderMatchesDjl() throws OrtException {
        VaeEncoder net = new VaeEncoder(new int[] {8, 16, 16}, 4);
        float[] image = gaussian(2 * 3 * 16 * 16);
        DjlOps ops = new DjlOps(manager, 3);
        NDArray imageArray = OwnedArrays.of(manager, image, new Shape(2, 3, 16, 16));
        net.forward(ops, imageArray);
        randomizeNormParameters(ops);
        NDArray latents = net.forward(ops, imageArray);
        assertThat(latents.getShape()).isEqualTo(new Shape(2, 4, 4, 4));

        ModelProto model = OnnxExport.vaeEncoder(net, ParameterMaps.toHeap(ops.parameters()));
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        inputs.put("sample", OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {2, 3, 16, 16}));
        assertClose(run(model, inputs, "latent_sample"), latents.toFloatArray());
    }

    @Test
    void vaeDecoderMatchesDjl() throws OrtException {
        VaeDecoder net = new VaeDecoder(new int[] {8, 16, 16}, 4);
        float[] latents = gaussian(2 * 4 * 4 * 4);
        DjlOps ops = new DjlOps(manager, 4);
        NDArray latentArray = OwnedArrays.of(manager, latents, new Shape(2, 4, 4, 4));
        net.forward(ops, latentArray);
        randomizeNormParameters(ops);
        NDArray image = net.forward(ops, latentArray);
        assertThat(image.getShape()).isEqualTo(new Shape(2, 3, 16, 16));

        ModelProto model = OnnxExport.vaeDecoder(net, ParameterMaps.toHeap(ops.parameters()));
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        inputs.put("latent_sample", OnnxTensor.createTensor(env, FloatBuffer.wrap(latents), new long[] {2, 4, 4, 4}));
        assertClose(run(model, inputs, "sample"), image.toFloatArray());
    }

    /** Zero biases and unit norm scales would hide a swapped or mis-broadcast parameter; make them random too. */
    private void randomizeNormParameters(DjlOps ops) {
        for (NDArray p : ops.parameters().values()) {
            if (p.getShape().dimension() == 1) {
                OwnedArrays.copyInto(p, gaussian(Math.toIntExact(p.size())));
            }
        }
    }

    private float[] gaussian(int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static float[] run(ModelProto model, Map<String, OnnxTensor> inputs, String output) throws OrtException {
        try (OrtSession session = env.createSession(model.toByteArray(), new OrtSession.SessionOptions());
                OrtSession.Result result = session.run(inputs)) {
            OnnxTensor tensor = (OnnxTensor) result.get(output).orElseThrow();
            FloatBuffer buffer = tensor.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return values;
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).as("largest difference from the DJL forward pass").isLessThan(TOLERANCE);
        assertThat(expected)
                .as("a network that outputs zeros would compare equal trivially")
                .isNotEqualTo(new float[expected.length]);
    }
}
