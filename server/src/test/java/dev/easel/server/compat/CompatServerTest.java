package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.RgbImage;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.testing.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

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
    ApiClient anonymous;
    /** The operator's admin key: another user. */
    ApiClient admin;

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
        anonymous = new ApiClient(port, null);
        admin = new ApiClient(port, ADMIN_KEY);
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

    static JsonNode ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static JsonNode info(JsonNode result) {
        return ApiClient.JSON.readTree(result.path("info").asString());
    }

    static JsonNode awaitProgress(ApiClient client, Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode progress = client.get("/sdapi/v1/progress").json();
            if (condition.test(progress)) {
                return progress;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("progress never reached the expected state");
    }

    static RgbImage pattern(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (x * 255 / width);
                rgb[i + 1] = (byte) (y * 255 / height);
                rgb[i + 2] = (byte) ((x + y) % 2 == 0 ? 200 : 30);
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /** A model's hash as ModelFolder documents it: SHA-256 over each file's relative path and bytes, in path order. */
    static String folderSha256(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
