package dev.easel.engine.text;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.engine.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked contents of a diffusers {@code tokenizer/} folder.
 *
 * @param vocabulary token to id; every id is in {@code [0, vocabulary.size())}
 * @param merges BPE merges in rank order (line order of merges.txt)
 * @param specialTokens start, end, pad and unknown tokens, all present in the vocabulary
 * @param contextLength ids per encoded prompt, including the start and end tokens
 */
record TokenizerFiles(
        Map<String, Integer> vocabulary, List<SymbolPair> merges, SpecialTokens specialTokens, int contextLength) {

    static final String VOCABULARY = "vocab.json";
    static final String MERGES = "merges.txt";
    static final String CONFIG = "tokenizer_config.json";
    static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";

    private static final int DEFAULT_CONTEXT_LENGTH = 77;
    // transformers writes int(1e30) as model_max_length when a tokenizer has no limit; CLIP's limit is then 77.
    private static final long NO_LIMIT_THRESHOLD = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Start, end, pad and unknown tokens as transformers names them: bos, eos, pad, unk. */
    record SpecialTokens(String start, String end, String pad, String unknown) {

        /** CLIPTokenizer's defaults. */
        static final SpecialTokens CLIP =
                new SpecialTokens("<|startoftext|>", "<|endoftext|>", "<|endoftext|>", "<|endoftext|>");

        SpecialTokens overriddenBy(JsonNode config, Path file) {
            return new SpecialTokens(
                    token(config, "bos_token", start, file),
                    token(config, "eos_token", end, file),
                    token(config, "pad_token", pad, file),
                    token(config, "unk_token", unknown, file));
        }

        /** A token is written either as a string or as a serialized AddedToken object with a "content" string. */
        private static String token(JsonNode config, String key, String fallback, Path file) {
            JsonNode value = config.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (value.isTextual()) {
                return value.asText();
            }
            if (value.isObject() && value.path("content").isTextual()) {
                return value.get("content").asText();
            }
            throw new ModelException(file + ": " + key + " must be a string or an object with a \"content\" string");
        }
    }

    TokenizerFiles {
        vocabulary = Map.copyOf(vocabulary);
        merges = List.copyOf(merges);
    }

    /** Reads vocab.json and merges.txt (required), tokenizer_config.json and special_tokens_map.json (optional). */
    static TokenizerFiles read(Path tokenizerDir) {
        Path vocabularyFile = tokenizerDir.resolve(VOCABULARY);
        Map<String, Integer> vocabulary = readVocabulary(vocabularyFile);
        List<SymbolPair> merges = readMerges(tokenizerDir.resolve(MERGES));

        // transformers lets special_tokens_map.json override tokenizer_config.json.
        SpecialTokens specialTokens = SpecialTokens.CLIP;
        int contextLength = DEFAULT_CONTEXT_LENGTH;
        Path configFile = tokenizerDir.resolve(CONFIG);
        if (Files.exists(configFile)) {
            JsonNode config = readJsonObject(configFile);
            specialTokens = specialTokens.overriddenBy(config, configFile);
            contextLength = contextLength(config, configFile);
        }
        Path specialTokensFile = tokenizerDir.resolve(SPECIAL_TOKENS_MAP);
        if (Files.exists(specialTokensFile)) {
            specialTokens = specialTokens.overriddenBy(readJsonObject(specialTokensFile), specialTokensFile);
        }
        for (String token :
                List.of(specialTokens.start(), specialTokens.end(), specialTokens.pad(), specialTokens.unknown())) {
            if (!vocabulary.containsKey(token)) {
                throw new ModelException(vocabularyFile + ": lacks the special token '" + token + "'");
            }
        }
        return new TokenizerFiles(vocabulary, merges, specialTokens, contextLength);
    }

    private static Map<String, Integer> readVocabulary(Path file) {
        JsonNode root = readJsonObject(file);
        int size = root.size();
        Map<String, Integer> vocabulary = new HashMap<>(size * 2);
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            JsonNode id = entry.getValue();
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0 || id.intValue() >= size) {
                throw new ModelException(file + ": token '" + entry.getKey() + "' has id " + id
                        + "; ids must be integers in [0, " + size + ")");
            }
            vocabulary.put(entry.getKey(), id.intValue());
        }
        if (vocabulary.isEmpty()) {
            throw new ModelException(file + ": the vocabulary is empty");
        }
        return vocabulary;
    }

    private static List<SymbolPair> readMerges(Path file) {
        List<String> lines = readText(file).lines().toList();
        List<SymbolPair> merges = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] symbols = line.split(" ", -1);
            if (symbols.length != 2 || symbols[0].isEmpty() || symbols[1].isEmpty()) {
                throw new ModelException(
                        file + ": line " + (i + 1) + " must be two symbols separated by one space, was '" + line + "'");
            }
            merges.add(new SymbolPair(symbols[0], symbols[1]));
        }
        return merges;
    }

    private static int contextLength(JsonNode config, Path file) {
        JsonNode value = config.get("model_max_length");
        if (value == null || value.isNull()) {
            return DEFAULT_CONTEXT_LENGTH;
        }
        if (value.isNumber() && value.doubleValue() >= NO_LIMIT_THRESHOLD) {
            return DEFAULT_CONTEXT_LENGTH;
        }
        // Room for the start token, the end token and at least one prompt token.
        if (!value.isIntegralNumber() || value.intValue() < 3) {
            throw new ModelException(file + ": model_max_length must be an integer >= 3, was " + value);
        }
        return value.intValue();
    }

    private static JsonNode readJsonObject(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(readText(file));
        } catch (JacksonException e) {
            throw new ModelException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelException(file + ": must contain a JSON object");
        }
        return root;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ModelException(file + ": missing", e);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot be read as UTF-8 text: " + e, e);
        }
    }
}
