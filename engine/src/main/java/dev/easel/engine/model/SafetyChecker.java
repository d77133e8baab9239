package dev.easel.engine.model;

import ai.onnxruntime.OnnxJavaType;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.tensor.FloatTensor;
import dev.easel.engine.tensor.Tensor;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** The optional safety checker shipped with SD exports: flags images with NSFW concepts. */
public final class SafetyChecker {
    private static final int CLIP_SIZE = 224;
    // CLIP's image normalisation, as its feature extractor applies it.
    private static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final OnnxPart part;
    private final String clipInput;
    private final String imagesInput;
    private final String flagsOutput;

    SafetyChecker(OnnxPart part) {
        this.part = part;
        this.clipInput = Signatures.pick(part.file(), "input", part.inputs(), "clip_input", 4, Signatures.FLOATS);
        this.imagesInput = part.inputs().containsKey("images") ? "images" : null;
        this.flagsOutput = Signatures.pick(
                part.file(), "output", part.outputs(), "has_nsfw_concepts", 1, EnumSet.of(OnnxJavaType.BOOL));
    }

    /** One flag per image: true when the checker found NSFW concepts. */
    public boolean[] check(List<RgbImage> images) {
        boolean[] flags = new boolean[images.size()];
        for (int i = 0; i < images.size(); i++) {
            // One image per call: images of one request share a size, but callers may mix sizes.
            flags[i] = checkOne(images.get(i));
        }
        return flags;
    }

    private boolean checkOne(RgbImage image) {
        FloatTensor clip = new FloatTensor(new long[] {1, 3, CLIP_SIZE, CLIP_SIZE}, clipPixels(image));
        Map<String, Tensor> feed =
                imagesInput == null ? Map.of(clipInput, clip) : Map.of(clipInput, clip, imagesInput, hwcPixels(image));
        return part.run(feed).get(flagsOutput).data()[0] != 0;
    }

    private static float[] clipPixels(RgbImage image) {
        byte[] rgb = image.resize(CLIP_SIZE, CLIP_SIZE).rgb();
        int plane = CLIP_SIZE * CLIP_SIZE;
        float[] chw = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                float value = (rgb[p * 3 + c] & 0xff) / 255f;
                chw[c * plane + p] = (value - MEAN[c]) / STD[c];
            }
        }
        return chw;
    }

    private static FloatTensor hwcPixels(RgbImage image) {
        byte[] rgb = image.rgb();
        float[] hwc = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            hwc[i] = (rgb[i] & 0xff) / 255f;
        }
        return new FloatTensor(new long[] {1, image.height(), image.width(), 3}, hwc);
    }

    OnnxPart part() {
        return part;
    }
}
