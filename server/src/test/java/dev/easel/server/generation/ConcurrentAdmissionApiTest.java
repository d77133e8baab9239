package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The per-user limit holds when one user's submissions arrive all at once: admission cannot be raced. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentAdmissionApiTest {
    static final Path ROOT = tempDir();
    static final int PER_USER = 3;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TinyModels.write(ROOT.resolve("models/tiny"), TinyModelSpec.defaults());
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.generation.max-batch", () -> "1");
        registry.add("easel.generation.max-jobs-per-user", () -> Integer.toString(PER_USER));
    }

    @Test
    void concurrentSubmissionsOfOneUserNeverPassThePerUserLimit() throws Exception {
        ApiClient anonymous = new ApiClient(port, null);
        int submissions = 48;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiClient.Response>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < submissions; i++) {
                String body = """
                        {"prompt": "slow %d", "width": 256, "height": 256, "steps": 150, "n": 16, "seed": %d}""".formatted(i, 100 + i);
                responses.add(clients.submit(() -> {
                    go.await();
                    return anonymous.post("/api/v1/jobs", body);
                }));
            }
            go.countDown();
        }
        List<String> accepted = new ArrayList<>();
        for (Future<ApiClient.Response> response : responses) {
            ApiClient.Response r = response.get();
            assertThat(r.status()).as(r.body()).isIn(202, 429);
            if (r.status() == 202) {
                accepted.add(r.json().path("id").asString());
            }
        }
        long inFlight = 0;
        for (var job : anonymous.get("/api/v1/jobs?limit=100").json()) {
            String state = job.path("state").asString();
            if (state.equals("QUEUED") || state.equals("RUNNING")) {
                inFlight++;
            }
        }
        accepted.forEach(id -> anonymous.post("/api/v1/jobs/" + id + "/cancel", ""));
        assertThat(accepted)
                .as("accepted of %d concurrent submissions", submissions)
                .hasSizeLessThanOrEqualTo(PER_USER);
        assertThat(inFlight).isLessThanOrEqualTo(PER_USER);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-admission");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
