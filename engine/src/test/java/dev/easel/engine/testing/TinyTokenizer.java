package dev.easel.engine.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;

/**
 * A small CLIP-style byte-level BPE vocabulary, laid out like CLIP's: the 256 byte-to-unicode characters, the same
 * with {@code </w>}, the merge results in merge order, then {@code <|startoftext|>} and {@code <|endoftext|>} last.
 * Merges are written for {@link #WORDS} so each of them becomes a single token.
 */
final class TinyTokenizer {
    static final String START_OF_TEXT = "<|startoftext|>";
    static final String END_OF_TEXT = "<|endoftext|>";
    static final String END_OF_WORD = "</w>";

    /** Words that tokenize to one token each. */
    static final List<String> WORDS = List.of(
            "a", "an", "the", "of", "in", "on", "with", "and", "red", "blue", "green", "cat", "dog", "heart", "house",
            "tree", "sky", "photo", "city", "night");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TinyTokenizer() {}

    /**
     * GPT-2's byte-to-unicode table in CLIP's vocabulary order: the printable bytes (mapped to themselves) first, then
     * the other bytes, mapped to code points from 256 up.
     */
    static List<String> byteCharacters() {
        List<String> printable = new ArrayList<>();
        List<String> others = new ArrayList<>();
        int next = 256;
        for (int b = 0; b < 256; b++) {
            if ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)) {
                printable.add(Character.toString(b));
            } else {
                others.add(Character.toString(next++));
            }
        }
        printable.addAll(others);
        return printable;
    }

    /**
     * Merge pairs ("left right") that make each of {@link #WORDS} a single token: for each word, while BPE with the
     * merges so far leaves it in pieces, add the merge of its first two pieces (as the lowest-priority merge, so words
     * finished earlier keep their tokenization).
     */
    static List<String> merges() {
        List<String> merges = new ArrayList<>();
        Map<String, Integer> ranks = new HashMap<>();
        for (String word : WORDS) {
            for (List<String> pieces = bpe(word, ranks); pieces.size() > 1; pieces = bpe(word, ranks)) {
                String merge = pieces.get(0) + " " + pieces.get(1);
                ranks.put(merge, merges.size());
                merges.add(merge);
            }
        }
        return List.copyOf(merges);
    }

    /** CLIP's BPE on one word: repeatedly join the adjacent pair with the lowest merge rank. */
    private static List<String> bpe(String word, Map<String, Integer> ranks) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            pieces.add(word.substring(i, i + 1) + (i == word.length() - 1 ? END_OF_WORD : ""));
        }
        while (true) {
            int best = -1;
            for (int i = 0; i + 1 < pieces.size(); i++) {
                Integer rank = ranks.get(pieces.get(i) + " " + pieces.get(i + 1));
                if (rank != null && (best < 0 || rank < ranks.get(pieces.get(best) + " " + pieces.get(best + 1)))) {
                    best = i;
                }
            }
            if (best < 0) {
                return pieces;
            }
            pieces.set(best, pieces.get(best) + pieces.remove(best + 1));
        }
    }

    static Map<String, Integer> vocab() {
        SequencedSet<String> tokens = new LinkedHashSet<>(byteCharacters());
        byteCharacters().forEach(character -> tokens.add(character + END_OF_WORD));
        merges().forEach(merge -> tokens.add(merge.replace(" ", "")));
        tokens.add(START_OF_TEXT);
        tokens.add(END_OF_TEXT);
        Map<String, Integer> vocab = new LinkedHashMap<>();
        tokens.forEach(token -> vocab.put(token, vocab.size()));
        return vocab;
    }

    static void write(Path directory) {
        try {
            Files.createDirectories(directory);
            JSON.writeValue(directory.resolve("vocab.json").toFile(), vocab());
            List<String> lines = new ArrayList<>();
            lines.add("#version: 0.2");
            lines.addAll(merges());
            Files.write(directory.resolve("merges.txt"), lines, StandardCharsets.UTF_8);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("tokenizer_class", "CLIPTokenizer");
            config.put("model_max_length", TextEncoderGraph.MAX_LENGTH);
            config.put("do_lower_case", true);
            config.putAll(specialTokens());
            JSON.writeValue(directory.resolve("tokenizer_config.json").toFile(), config);
            JSON.writeValue(directory.resolve("special_tokens_map.json").toFile(), specialTokens());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SD 1.x's choice: padding with the end-of-text token. */
    private static Map<String, Object> specialTokens() {
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("bos_token", START_OF_TEXT);
        tokens.put("eos_token", END_OF_TEXT);
        tokens.put("pad_token", END_OF_TEXT);
        tokens.put("unk_token", END_OF_TEXT);
        return tokens;
    }
}
