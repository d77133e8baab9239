package dev.easel.server.generation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.pipeline.EncodedPrompt;
import dev.easel.engine.pipeline.PromptEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Text-encoder outputs by model and prompt, bounded in bytes: repeated prompts and negative prompts skip the text
 * encoder. Misses of one call are encoded together in one batched text-encoder run.
 */
@Component
public class TextEmbeddingCache {
    private final Cache<String, EncodedPrompt> cache;

    public TextEmbeddingCache(GenerationProperties properties, MeterRegistry meters) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(properties.textCacheBytes())
                .weigher((String key, EncodedPrompt value) -> value.states().length * 4 + key.length() * 2)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, "text-embeddings");
    }

    /** Encodings for the prompts, in order. */
    public List<EncodedPrompt> encode(DiffusionModel model, String modelHash, List<String> prompts) {
        Set<String> misses = new LinkedHashSet<>();
        for (String prompt : prompts) {
            if (cache.getIfPresent(key(modelHash, prompt)) == null) {
                misses.add(prompt);
            }
        }
        if (!misses.isEmpty()) {
            List<String> toEncode = new ArrayList<>(misses);
            List<EncodedPrompt> encoded = PromptEncoder.encode(model, toEncode);
            for (int i = 0; i < toEncode.size(); i++) {
                cache.put(key(modelHash, toEncode.get(i)), encoded.get(i));
            }
        }
        Map<String, EncodedPrompt> present =
                cache.getAllPresent(prompts.stream().map(p -> key(modelHash, p)).toList());
        List<EncodedPrompt> out = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            EncodedPrompt hit = present.get(key(modelHash, prompt));
            // An entry evicted between the two look-ups is simply encoded again.
            out.add(
                    hit != null
                            ? hit
                            : PromptEncoder.encode(model, List.of(prompt)).get(0));
        }
        return out;
    }

    public long hits() {
        return cache.stats().hitCount();
    }

    private static String key(String modelHash, String prompt) {
        return modelHash + '\u0000' + prompt;
    }
}
