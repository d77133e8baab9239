package dev.easel.server.compat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server on a random port with two tiny models ("alpha" is the default as the first by name, "beta" has other
 * weights) whose native size is 32 pixels, anonymous access on (the default), and an operator admin key. Subclasses
 * share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CompatServerTest {
    static final String ADMIN_KEY = "compat-test-admin-key-0123456789";
    static final Path ROOT = tempDir();
    static final Path ALPHA = tinyModel("alpha", 42);
    static final Path BETA = tinyModel("beta", 7);

    @LocalServerPort
    int port;

    /** No key: the shared anonymous user. */
    CompatClient anonymous;
    /** The operator's admin key: another user. */
    CompatClient admin;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.generation.max-batch", () -> "8");
        registry.add("easel.generation.preview-every", () -> "1");
        registry.add("easel.auth.admin-api-key", () -> ADMIN_KEY);
    }

    @BeforeEach
    void clients() {
        anonymous = new CompatClient(port, null);
        admin = new CompatClient(port, ADMIN_KEY);
    }

    /** A tiny model whose unet/config.json declares 4 latent cells, i.e. a native size of 32 pixels. */
    static Path tinyModel(String name, long weightSeed) {
        Path dir = TinyModels.write(
                ROOT.resolve("models").resolve(name), TinyModelSpec.defaults().withWeightSeed(weightSeed));
        try {
            Files.writeString(dir.resolve("unet/config.json"), "{\"sample_size\": 4}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-compat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
