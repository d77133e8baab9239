package dev.easel.engine.text;

import static dev.easel.engine.text.TokenizerFolder.END_ID;
import static dev.easel.engine.text.TokenizerFolder.MERGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.engine.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTokenizerLoadTest {

    @TempDir
    Path dir;

    private Path folder(Map<String, ?> config) {
        return TokenizerFolder.write(dir, TokenizerFolder.vocabulary(MERGES), MERGES, config);
    }

    @Test
    void missingMergesIsNamed() throws IOException {
        Files.delete(TokenizerFolder.sd1(dir).resolve("merges.txt"));
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("merges.txt")
                .hasMessageContaining("missing");
    }

    @Test
    void missingVocabularyIsNamed() throws IOException {
        Files.delete(TokenizerFolder.sd1(dir).resolve("vocab.json"));
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("vocab.json");
    }

    @Test
    void corruptVocabularyIsNamed() throws IOException {
        Files.writeString(TokenizerFolder.sd1(dir).resolve("vocab.json"), "{\"a\": 0, ");
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("vocab.json")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void vocabularyIdsMustFitTheVocabulary() throws IOException {
        Files.writeString(TokenizerFolder.sd1(dir).resolve("vocab.json"), "{\"a\": 0, \"b\": 2}");
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("vocab.json")
                .hasMessageContaining("'b'");
    }

    @Test
    void malformedMergeLineIsNamedWithItsLineNumber() throws IOException {
        Files.write(TokenizerFolder.sd1(dir).resolve("merges.txt"), List.of("#version: 0.2", "h e", "a b c"));
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("merges.txt")
                .hasMessageContaining("line 3");
    }

    @Test
    void specialTokenMissingFromTheVocabularyIsNamed() {
        folder(Map.of("pad_token", "<pad>"));
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("vocab.json")
                .hasMessageContaining("<pad>");
    }

    @Test
    void corruptConfigIsNamed() throws IOException {
        Files.writeString(TokenizerFolder.sd1(dir).resolve("tokenizer_config.json"), "[1, 2]");
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("tokenizer_config.json");
    }

    @Test
    void badContextLengthIsNamed() {
        folder(Map.of("model_max_length", "long"));
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("tokenizer_config.json")
                .hasMessageContaining("model_max_length");
    }

    @Test
    void badTokenValueIsNamed() {
        folder(Map.of("bos_token", List.of("<|startoftext|>")));
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("tokenizer_config.json")
                .hasMessageContaining("bos_token");
    }

    @Test
    void withoutConfigFilesUsesClipDefaults() throws IOException {
        Files.delete(TokenizerFolder.sd1(dir).resolve("tokenizer_config.json"));
        ClipTokenizer tokenizer = ClipTokenizer.load(dir);
        assertThat(tokenizer.contextLength()).isEqualTo(77);
        assertThat(tokenizer.startTokenId()).isEqualTo(TokenizerFolder.START_ID);
        assertThat(tokenizer.endTokenId()).isEqualTo(END_ID);
        assertThat(tokenizer.padTokenId()).isEqualTo(END_ID);
    }

    @Test
    void transformersNoLimitSentinelMeansClipsContextLength() {
        folder(Map.of("model_max_length", 1e30));
        assertThat(ClipTokenizer.load(dir).contextLength()).isEqualTo(77);
    }

    @Test
    void specialTokensMapOverridesTokenizerConfig() throws IOException {
        folder(Map.of("pad_token", "<|endoftext|>"));
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"pad_token\": {\"content\": \"!\"}}");
        assertThat(ClipTokenizer.load(dir).padTokenId()).isZero();
    }
}
