package dev.easel.server.generation;

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
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Capacity limits answer 429 with Retry-After at once, and lose nothing already accepted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LimitsApiTest {
    static final Path ROOT = tempDir();
    static final String ADMIN_KEY = "admin-key-for-limits-test-0123456789";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TinyModels.write(ROOT.resolve("models/tiny"), TinyModelSpec.defaults());
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.generation.max-batch", () -> "1");
        registry.add("easel.generation.queue-capacity", () -> "1");
        registry.add("easel.generation.max-jobs-per-user", () -> "2");
        registry.add("easel.auth.admin-api-key", () -> ADMIN_KEY);
        registry.add("easel.generation.max-body-bytes", () -> "4096");
    }

    static final String SLOW = """
            {"prompt": "slow", "width": 256, "height": 256, "steps": 150, "n": 16, "seed": 1}""";
    static final String SMALL = """
            {"prompt": "small", "width": 32, "height": 32, "steps": 2, "seed": 2}""";

    @Test
    void fullQueueAndPerUserLimitAnswer429WithRetryAfter() throws InterruptedException {
        ApiClient anonymous = new ApiClient(port, null);
        ApiClient admin = new ApiClient(port, ADMIN_KEY);
        String running = anonymous.post("/api/v1/jobs", SLOW).json().path("id").asString();
        awaitRunning(anonymous, running);
        ApiClient.Response queued = anonymous.post("/api/v1/jobs", SMALL);
        assertThat(queued.status()).isEqualTo(202);

        ApiClient.Response perUser = anonymous.post("/api/v1/jobs", SMALL);
        assertThat(perUser.status()).isEqualTo(429);
        assertThat(perUser.headers().firstValue("Retry-After")).isPresent();
        assertThat(perUser.json().path("message").asString()).contains("2 jobs queued or running");

        ApiClient.Response full = admin.post("/api/v1/jobs", SMALL);
        assertThat(full.status()).isEqualTo(429);
        assertThat(full.json().path("message").asString()).contains("queue is full");

        // A refused job's init image is not stored: bytes are kept only once a job is admitted.
        byte[] init = PngImages.encode(new RgbImage(2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}), null);
        String withInit = SMALL.replace(
                "\"seed\": 2", "\"initImage\": \"" + Base64.getEncoder().encodeToString(init) + "\"");
        assertThat(anonymous.post("/api/v1/jobs", withInit).status()).isEqualTo(429);
        assertThat(admin.post("/api/v1/jobs", withInit).status()).isEqualTo(429);
        assertThat(anonymous
                        .get("/api/v1/images/" + BlobStore.sha256(init) + ".png")
                        .status())
                .isEqualTo(404);

        // Nothing accepted was lost: cancel the slow job and the queued one still runs.
        anonymous.post("/api/v1/jobs/" + running + "/cancel", "");
        String queuedId = queued.json().path("id").asString();
        assertThat(anonymous
                        .awaitJob(queuedId, Duration.ofSeconds(60))
                        .path("state")
                        .asString())
                .isEqualTo("DONE");
        assertThat(admin.get("/api/v1/jobs/" + queuedId).status())
                .as("admins see every job")
                .isEqualTo(200);
        assertThat(admin.post("/api/v1/jobs", SLOW.replace("\"seed\": 1", "\"priority\": 5"))
                        .status())
                .isEqualTo(202);
        assertThat(anonymous
                        .post("/api/v1/jobs", SMALL.replace("\"seed\": 2", "\"priority\": 5"))
                        .status())
                .as("only admins may raise priority")
                .isEqualTo(400);
    }

    @Test
    void followersOfACanceledLeaderRunEvenWhenTheQueueIsFullAndRetriesAreNotStuck() throws InterruptedException {
        ApiClient anonymous = new ApiClient(port, null);
        ApiClient admin = new ApiClient(port, ADMIN_KEY);
        finishEverything(anonymous, admin);
        String leaderBody = SLOW.replace("\"seed\": 1", "\"seed\": 31");
        String leader =
                anonymous.post("/api/v1/jobs", leaderBody).json().path("id").asString();
        awaitRunning(anonymous, leader);
        ApiClient.Response follower = anonymous.post("/api/v1/jobs", leaderBody);
        assertThat(follower.status()).as(follower.body()).isEqualTo(202);
        String followerId = follower.json().path("id").asString();
        // Fills the queue (capacity 1): the follower will find it full when its leader ends.
        ApiClient.Response filler = admin.post("/api/v1/jobs", SMALL.replace("\"seed\": 2", "\"seed\": 32"));
        assertThat(filler.status()).as(filler.body()).isEqualTo(202);

        anonymous.post("/api/v1/jobs/" + leader + "/cancel", "");
        assertThat(awaitNotQueued(anonymous, followerId))
                .as("an accepted follower is not lost when its leader is canceled")
                .isIn("RUNNING", "DONE");

        // A client asking again follows the live job, and runs itself once that one is gone. (The released follower
        // keeps its place ahead of the filler, admitted after it, so the filler still waits and fills the queue: it
        // goes first.)
        admin.post("/api/v1/jobs/" + filler.json().path("id").asString() + "/cancel", "");
        String retry =
                anonymous.post("/api/v1/jobs", leaderBody).json().path("id").asString();
        anonymous.post("/api/v1/jobs/" + followerId + "/cancel", "");
        assertThat(awaitNotQueued(anonymous, retry)).isIn("RUNNING", "DONE");
        finishEverything(anonymous, admin);
    }

    /** Cancels whatever earlier tests left running, and waits until it has ended. */
    private static void finishEverything(ApiClient... clients) {
        for (ApiClient client : clients) {
            client.post("/sdapi/v1/interrupt", "{}");
            for (JsonNode job : client.get("/api/v1/jobs?limit=100").json()) {
                client.awaitJob(job.path("id").asString(), Duration.ofSeconds(60));
            }
        }
    }

    private static String awaitNotQueued(ApiClient api, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String state = api.get("/api/v1/jobs/" + id).json().path("state").asString();
            if (!state.equals("QUEUED")) {
                return state;
            }
            Thread.sleep(20);
        }
        return "QUEUED";
    }

    @Test
    void oversizedBodiesGet413() {
        ApiClient.Response response =
                new ApiClient(port, null).post("/api/v1/jobs", "{\"prompt\": \"" + "x".repeat(5000) + "\"}");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("message").asString()).contains("request body too large");
    }

    private static void awaitRunning(ApiClient api, String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (api.get("/api/v1/jobs/" + id).json().path("state").asString().equals("RUNNING")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job never started");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-limits");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
