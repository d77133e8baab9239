package dev.easel.engine.pipeline;

import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns finished samples into images: one batched VAE decode per latent size, then the safety check. */
public final class SampleDecoder {
    private SampleDecoder() {}

    /** One image per sample, in order. */
    public static List<DecodedImage> decode(DiffusionModel model, List<Sample> samples) {
        Map<Long, List<Integer>> bySize = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            long size = ((long) sample.latentHeight() << 32) | sample.latentWidth();
            bySize.computeIfAbsent(size, s -> new ArrayList<>()).add(i);
        }
        RgbImage[] images = new RgbImage[samples.size()];
        for (List<Integer> group : bySize.values()) {
            Sample first = samples.get(group.get(0));
            List<float[]> latents =
                    group.stream().map(i -> samples.get(i).latents()).toList();
            List<RgbImage> decoded = model.vaeDecoder().decode(latents, first.latentHeight(), first.latentWidth());
            for (int j = 0; j < group.size(); j++) {
                images[group.get(j)] = decoded.get(j);
            }
        }
        List<RgbImage> all = List.of(images);
        boolean[] flags =
                model.safetyChecker().map(checker -> checker.check(all)).orElseGet(() -> new boolean[all.size()]);
        List<DecodedImage> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            out.add(new DecodedImage(all.get(i), flags[i]));
        }
        return out;
    }
}
