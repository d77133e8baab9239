package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Preloaded models are resident before any request; jobs waiting past the queue timeout fail with the reason. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StartupAndTimeoutApiTest {
    static final Path ROOT = tempDir();
    /** Metrics are the admins'. */
    static final String METRICS_KEY = "metrics-admin-key-0123456789";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TinyModels.write(ROOT.resolve("models/tiny"), TinyModelSpec.defaults());
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.auth.admin-api-key", () -> METRICS_KEY);
        registry.add("easel.generation.preload", () -> "tiny");
        registry.add("easel.generation.max-batch", () -> "1");
        registry.add("easel.generation.queue-timeout", () -> "1s");
    }

    @Test
    void preloadedModelIsResidentAndStaleJobsTimeOut() throws InterruptedException {
        ApiClient api = new ApiClient(port, null);
        assertThat(new ApiClient(port, METRICS_KEY).get("/actuator/prometheus").body())
                .containsPattern("easel_models_loads_total(\\{[^}]*\\})? 1\\.0");

        String slow = api.post("/api/v1/jobs", """
                        {"prompt": "slow", "width": 1024, "height": 1024, "steps": 150, "n": 16}""").json().path("id").asString();
        String waiting = api.post("/api/v1/jobs", """
                        {"prompt": "waiting", "width": 32, "height": 32, "steps": 2}""").json().path("id").asString();
        JsonNode expired = api.awaitJob(waiting, Duration.ofSeconds(30));
        assertThat(expired.path("state").asString()).isEqualTo("FAILED");
        assertThat(expired.path("error").asString()).contains("waited longer than PT1S in the queue");
        api.post("/api/v1/jobs/" + slow + "/cancel", "");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-startup");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
