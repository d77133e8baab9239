package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.OrtSettings;
import dev.easel.engine.pipeline.EncodedPrompt;
import dev.easel.engine.pipeline.PromptEncoder;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextEmbeddingCacheTest {
    @TempDir
    Path dir;

    @Test
    void repeatedPromptsSkipTheTextEncoder() {
        try (DiffusionModel model = DiffusionModel.load(
                TinyModels.write(dir.resolve("m"), TinyModelSpec.defaults()), OrtSettings.defaults())) {
            GenerationProperties settings = new GenerationProperties(
                    null, null, null, null, null, null, null, null, null, null, null, null, null);
            TextEmbeddingCache cache = new TextEmbeddingCache(settings, new SimpleMeterRegistry());
            List<EncodedPrompt> first = cache.encode(model, "hash", List.of("red cat", "", "red cat"));
            long textEncoderTime = model.onnxNanos();
            List<EncodedPrompt> again = cache.encode(model, "hash", List.of("", "red cat"));
            assertThat(model.onnxNanos())
                    .as("no text-encoder run for cached prompts")
                    .isEqualTo(textEncoderTime);
            assertThat(cache.hits()).isGreaterThanOrEqualTo(2);
            assertThat(again.get(1).states()).isEqualTo(first.get(0).states());
            assertThat(again.get(0).states())
                    .isEqualTo(PromptEncoder.encode(model, List.of("")).get(0).states());
            cache.encode(model, "other-model", List.of("red cat"));
            assertThat(model.onnxNanos()).as("the key includes the model").isGreaterThan(textEncoderTime);
        }
    }
}
