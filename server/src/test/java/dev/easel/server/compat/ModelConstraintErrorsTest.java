package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A request that only the loaded model can refuse (image-to-image on a model without a VAE encoder) is a client
 * mistake: the synchronous APIs answer 4xx with the engine's reason, not 500, and the native job fails with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ModelConstraintErrorsTest {
    static final Path ROOT = tempDir();

    static {
        TinyModels.write(ROOT.resolve("models/plain"), TinyModelSpec.defaults().withVaeEncoder(false));
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port, null);
    }

    @Test
    void imageToImageOnAModelWithoutEncoderIsABadRequestInEveryApi() {
        String png =
                Base64.getEncoder().encodeToString(PngImages.encode(new RgbImage(32, 32, new byte[32 * 32 * 3]), null));

        ApiClient.Response a1111 = api.post("/sdapi/v1/img2img", """
                {"prompt": "x", "steps": 2, "width": 32, "height": 32, "init_images": ["%s"]}""".formatted(png));
        A1111ErrorsTest.assertA1111Error(a1111, 400, "no vae_encoder");

        ApiClient.Response submitted = api.post("/api/v1/jobs", """
                {"prompt": "x", "steps": 2, "width": 32, "height": 32, "initImage": "%s"}""".formatted(png));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode job = api.awaitJob(submitted.json().path("id").asString(), Duration.ofSeconds(60));
        assertThat(job.path("state").asString()).isEqualTo("FAILED");
        assertThat(job.path("error").asString()).contains("no vae_encoder");

        // The model still serves requests it can do.
        ApiClient.Response txt2img = api.post("/sdapi/v1/txt2img", """
                {"prompt": "x", "steps": 2, "width": 32, "height": 32}""");
        assertThat(txt2img.status()).as(txt2img.body()).isEqualTo(200);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-constraints");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
