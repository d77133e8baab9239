package dev.easel.engine.pipeline;

import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.text.TokenizedPrompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tokenizes and encodes prompts in one batched text-encoder call, each distinct prompt once. */
public final class PromptEncoder {
    private PromptEncoder() {}

    /** Encodes prompts; the result has one entry per input, in order (duplicates share one encoding). */
    public static List<EncodedPrompt> encode(DiffusionModel model, List<String> prompts) {
        Map<String, TokenizedPrompt> distinct = new LinkedHashMap<>();
        for (String prompt : prompts) {
            distinct.computeIfAbsent(prompt, model.tokenizer()::encode);
        }
        List<int[]> ids = distinct.values().stream().map(TokenizedPrompt::ids).toList();
        List<float[]> states = model.textEncoder().encode(ids);
        Map<String, EncodedPrompt> encoded = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, TokenizedPrompt> entry : distinct.entrySet()) {
            encoded.put(
                    entry.getKey(),
                    new EncodedPrompt(
                            entry.getKey(), states.get(i++), entry.getValue().truncated()));
        }
        List<EncodedPrompt> out = new ArrayList<>(prompts.size());
        prompts.forEach(p -> out.add(encoded.get(p)));
        return out;
    }
}
