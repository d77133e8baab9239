package dev.easel.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written tokenizer files, read back as a CLIP tokenizer would read them. */
class TinyTokenizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void vocabularyHasBytesEndOfWordFormsAndSpecialTokensLast() throws IOException {
        TinyModels.writeTokenizer(dir);
        Map<String, Integer> vocab = vocab();
        List<String> merges = merges();
        assertThat(vocab).hasSize(512 + merges.size() + 2);
        assertThat(vocab.get("<|startoftext|>")).isEqualTo(vocab.size() - 2);
        assertThat(vocab.get("<|endoftext|>")).isEqualTo(vocab.size() - 1);
        // GPT-2 byte-to-unicode: printable ASCII maps to itself, byte 0 to U+0100, space (0x20) to U+0120 'Ġ'
        assertThat(vocab.get("!")).isEqualTo(0);
        assertThat(vocab).containsKeys("a", "a</w>", "z</w>", "\u0100", "\u0120</w>", "\u00ff</w>");
        assertThat(new HashSet<>(vocab.values())).hasSize(vocab.size());
        for (String merge : merges) {
            assertThat(vocab).containsKey(merge.replace(" ", ""));
        }
    }

    @Test
    void listedWordsBecomeSingleTokensUnderBpe() throws IOException {
        TinyModels.writeTokenizer(dir);
        Map<String, Integer> vocab = vocab();
        Map<String, Integer> ranks = new HashMap<>();
        List<String> merges = merges();
        for (int i = 0; i < merges.size(); i++) {
            ranks.put(merges.get(i), i);
        }
        for (String word : List.of("a", "the", "red", "blue", "cat", "dog", "heart", "green", "house", "photo")) {
            assertThat(bpe(word, ranks)).as(word).containsExactly(word + "</w>");
            assertThat(vocab).containsKey(word + "</w>");
        }
        assertThat(bpe("hearts", ranks)).as("an unlisted word").hasSizeGreaterThan(1);
    }

    @Test
    void configNamesClipsSpecialTokensAndLength() throws IOException {
        TinyModels.writeTokenizer(dir);
        JsonNode config = JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
        assertThat(config.get("model_max_length").asInt()).isEqualTo(77);
        assertThat(config.get("bos_token").asText()).isEqualTo("<|startoftext|>");
        assertThat(config.get("eos_token").asText()).isEqualTo("<|endoftext|>");
        assertThat(config.get("pad_token").asText()).isEqualTo("<|endoftext|>");
        assertThat(config.get("do_lower_case").asBoolean()).isTrue();
        JsonNode special = JSON.readTree(dir.resolve("special_tokens_map.json").toFile());
        assertThat(special.get("eos_token").asText()).isEqualTo("<|endoftext|>");
        assertThat(Files.readAllLines(dir.resolve("merges.txt"), StandardCharsets.UTF_8)
                        .getFirst())
                .startsWith("#version");
    }

    /** CLIP's BPE on one lower-case word: repeatedly merge the adjacent pair with the lowest merge rank. */
    private static List<String> bpe(String word, Map<String, Integer> ranks) {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            symbols.add(word.substring(i, i + 1) + (i == word.length() - 1 ? "</w>" : ""));
        }
        while (symbols.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                int rank = ranks.getOrDefault(symbols.get(i) + " " + symbols.get(i + 1), Integer.MAX_VALUE);
                if (rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
        return symbols;
    }

    private Map<String, Integer> vocab() throws IOException {
        return JSON.readValue(dir.resolve("vocab.json").toFile(), new TypeReference<Map<String, Integer>>() {});
    }

    private List<String> merges() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("merges.txt"), StandardCharsets.UTF_8);
        return lines.subList(1, lines.size());
    }
}
