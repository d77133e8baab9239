package dev.easel.engine.testing;

import static dev.easel.engine.testing.OnnxGraph.attr;
import static dev.easel.engine.testing.OnnxGraph.ints;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;

/**
 * A stand-in safety checker with a documented rule tests can trigger: an image is flagged when the mean over
 * clip_input of {@code red - (green + blue) / 2} exceeds {@link #REDNESS_THRESHOLD}. A pure red image is flagged
 * whether clip_input holds raw [0, 1] pixels or CLIP-normalised ones; grey, white and black images are not.
 * out_images is images unchanged.
 */
final class SafetyCheckerGraph {
    static final float REDNESS_THRESHOLD = 0.5f;
    static final int CLIP_SIZE = 224;

    private SafetyCheckerGraph() {}

    static OnnxGraph build() {
        // no random weights: the rule must stay exactly as documented
        OnnxGraph g = new OnnxGraph("safety_checker", 0);
        String clipInput = g.input("clip_input", DataType.FLOAT, "batch", 3, CLIP_SIZE, CLIP_SIZE);
        String images = g.input("images", DataType.FLOAT, "batch", "height", "width", 3);
        String redness = g.op("Conv", List.of(clipInput, g.floats(new float[] {1, -0.5f, -0.5f}, 1, 3, 1, 1)));
        String score = g.op("ReduceMean", List.of(redness), ints("axes", 1, 2, 3), attr("keepdims", 0));
        String flagged = g.op("Greater", List.of(score, g.scalar(REDNESS_THRESHOLD)));
        g.output(images, "out_images", DataType.FLOAT, "batch", "height", "width", 3);
        g.output(flagged, "has_nsfw_concepts", DataType.BOOL, "batch");
        return g;
    }
}
