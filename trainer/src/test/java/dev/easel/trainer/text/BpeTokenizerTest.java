package dev.easel.trainer.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTokenizerTest {

    @Test
    void firstMergeIsTheMostFrequentAdjacentPair() {
        // pairs: (a, b) 3 + 2 = 5, (b, c</w>) 3, (b, d</w>) 2
        List<Merge> merges = BpeLearner.learn(Map.of("abc", 3, "abd", 2), 2, 1);
        assertThat(merges).containsExactly(new Merge("a", "b"), new Merge("ab", "c</w>"));
    }

    @Test
    void mergesStopBelowTheMinimumCount() {
        List<Merge> merges = BpeLearner.learn(Map.of("ab", 1, "cd", 1), 10, 2);
        assertThat(merges).isEmpty();
    }

    @Test
    void vocabularyHasByteSymbolsTheirWordEndFormsMergesAndSpecialTokens() {
        BpeTokenizer tokenizer = new BpeTokenizer(List.of(new Merge("h", "e"), new Merge("he", "y</w>")));
        assertThat(tokenizer.vocabSize()).isEqualTo(256 + 256 + 2 + 2);
        assertThat(tokenizer.startId()).isEqualTo(514);
        assertThat(tokenizer.endId()).isEqualTo(515);
        assertThat(tokenizer.bpe("hey")).containsExactly("hey</w>");
    }

    @Test
    void learnedWordsBecomeSingleTokensAndUnseenWordsStillTokenize() {
        BpeTokenizer tokenizer = new BpeTokenizer(BpeLearner.learn(Map.of("red heart", 20, "red apple", 20), 100, 2));
        int[] known = tokenizer.encode("Red  HEART");
        assertThat(known).hasSize(77);
        assertThat(known[0]).isEqualTo(tokenizer.startId());
        // two learned words, then the end token and end-token padding
        assertThat(known[3]).isEqualTo(tokenizer.endId());
        assertThat(known[76]).isEqualTo(tokenizer.endId());
        assertThat(tokenizer.bpe("heart")).containsExactly("heart</w>");

        int[] unseen = tokenizer.encode("zebra ✨");
        // z,e,b,r,a</w> is at least 2 tokens (no merge covers it) and the sparkle's 3 UTF-8 bytes are 3 byte tokens
        long textTokens =
                Arrays.stream(unseen).filter(id -> id != tokenizer.endId()).count() - 1;
        assertThat(textTokens).isGreaterThanOrEqualTo(5);
    }

    @Test
    void longPromptsAreTruncatedToSeventySevenIdsEndingWithTheEndToken() {
        BpeTokenizer tokenizer = new BpeTokenizer(List.of());
        int[] ids = tokenizer.encode("a ".repeat(200));
        assertThat(ids).hasSize(77);
        assertThat(ids[76]).isEqualTo(tokenizer.endId());
        assertThat(ids[75]).isNotEqualTo(tokenizer.endId());
    }

    @Test
    void writesTheDiffusersTokenizerFilesAndReadsThemBack(@TempDir Path dir) throws IOException {
        BpeTokenizer tokenizer = new BpeTokenizer(BpeLearner.learn(Map.of("grinning face", 4, "face", 3), 50, 2));
        tokenizer.writeTo(dir);
        List<String> merges = Files.readAllLines(dir.resolve("merges.txt"), StandardCharsets.UTF_8);
        assertThat(merges.get(0)).startsWith("#version");
        JsonNode vocab = new ObjectMapper().readTree(dir.resolve("vocab.json").toFile());
        assertThat(vocab.get("<|startoftext|>").asInt()).isEqualTo(tokenizer.startId());
        assertThat(vocab.get("face</w>")).isNotNull();
        assertThat(vocab.get("!").asInt()).isZero();
        JsonNode config =
                new ObjectMapper().readTree(dir.resolve("tokenizer_config.json").toFile());
        assertThat(config.get("model_max_length").asInt()).isEqualTo(77);
        assertThat(config.get("pad_token").asText()).isEqualTo("<|endoftext|>");
        assertThat(BpeTokenizer.read(dir).encode("grinning face")).containsExactly(tokenizer.encode("grinning face"));
    }

    @Test
    void bytesMapToCharactersAsClipDoes() {
        // CLIP maps the space byte (0x20, not printable) to U+0120 'Ġ' and keeps '!' as itself.
        assertThat(ByteSymbols.words("a!")).containsExactly("a", "!");
        List<Character> order = ByteSymbols.vocabOrder();
        assertThat(order.get(0)).isEqualTo('!');
        assertThat(order).contains('\u0120');
        assertThat(order).hasSize(256).doesNotHaveDuplicates();
    }
}
