package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.OrtSettings;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.Generator;
import dev.easel.engine.pipeline.ProgressListener;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.testing.ApiClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The native API over real HTTP, on the embedded defaults, with a tiny model. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GenerationApiTest {
    static final Path ROOT = tempDir();
    /** Metrics are the admins'. */
    static final String METRICS_KEY = "metrics-admin-key-0123456789";

    static final Path MODEL = TinyModels.write(ROOT.resolve("models/tiny"), TinyModelSpec.defaults());

    @LocalServerPort
    int port;

    ApiClient api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.auth.admin-api-key", () -> METRICS_KEY);
        registry.add("easel.generation.max-batch", () -> "8");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port, null);
    }

    static String body(String prompt, int steps, long seed) {
        return """
                {"prompt": "%s", "width": 32, "height": 32, "steps": %d, "seed": %d, "sampler": "Euler a",
                 "cfgScale": 7, "n": 2}""".formatted(prompt, steps, seed);
    }

    @Test
    void submittedJobRunsAndItsImagesCarryMetadata() {
        ApiClient.Response submitted = api.post("/api/v1/jobs", body("red cat", 4, 11));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().path("id").asString();
        assertThat(submitted.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);

        JsonNode done = api.awaitJob(id, Duration.ofSeconds(60));
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("images")).hasSize(2);
        JsonNode second = done.path("images").path(1);
        assertThat(second.path("seed").asLong()).isEqualTo(12);
        byte[] png = api.bytes(second.path("url").asString());
        String parameters = PngImages.readParameters(png).orElseThrow();
        assertThat(parameters).startsWith("red cat\n").contains("Seed: 12").contains("Model: tiny");
    }

    @Test
    void concurrentRequestsShareBatchesAndKeepTheirExactPixels() throws Exception {
        List<CompletableFuture<ApiClient.Response>> submissions = new ArrayList<>();
        String[] prompts = {"red cat", "blue dog", "green tree", "heart"};
        for (int i = 0; i < prompts.length; i++) {
            String json = body(prompts[i], 12 + i, 100 + i);
            submissions.add(CompletableFuture.supplyAsync(() -> api.post("/api/v1/jobs", json)));
        }
        List<JsonNode> finished = new ArrayList<>();
        for (CompletableFuture<ApiClient.Response> submission : submissions) {
            finished.add(api.awaitJob(submission.get().json().path("id").asString(), Duration.ofSeconds(120)));
        }
        assertThat(finished)
                .allSatisfy(j -> assertThat(j.path("state").asString()).isEqualTo("DONE"));
        int largestBatch = finished.stream()
                .flatMap(j -> List.of(j.path("batchSizes").asString().split(",")).stream())
                .mapToInt(Integer::parseInt)
                .max()
                .orElseThrow();
        assertThat(largestBatch)
                .as("samples of different requests shared a UNet call")
                .isGreaterThan(2);

        // The engine alone, one request at a time, gives the same pixels as the shared batch did.
        try (DiffusionModel model = DiffusionModel.load(MODEL, OrtSettings.defaults())) {
            RgbImage alone = new Generator(model)
                    .generate(
                            GenerationRequest.of("blue dog", 32, 32)
                                    .withSteps(13)
                                    .withSeed(101)
                                    .withSampler(Sampler.EULER_A),
                            ProgressListener.NONE)
                    .get(0)
                    .image();
            byte[] served =
                    api.bytes(finished.get(1).path("images").path(0).path("url").asString());
            assertThat(PngImages.decode(served).rgb()).isEqualTo(alone.rgb());
        }
    }

    @Test
    void aShortRequestArrivingWhileLongOnesFillTheBatchFinishesFirstInSmallSteps() throws Exception {
        List<String> long_ = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ApiClient.Response r = api.post("/api/v1/jobs", """
                    {"prompt": "long %d", "width": 64, "height": 64, "steps": 150, "seed": %d, "n": 3}""".formatted(i, 500 + i));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            long_.add(r.json().path("id").asString());
        }
        // 9 samples against a batch of 8: the long ones already take more than one UNet call can hold. At 64x64 their
        // 150 steps take far longer than the short job's submission (at 32x32 they could end before it arrived).
        awaitState(long_.get(2), "RUNNING");
        String shortJob = api.post("/api/v1/jobs", body("short", 3, 600))
                .json()
                .path("id")
                .asString();

        JsonNode done = api.awaitJob(shortJob, Duration.ofSeconds(120));
        List<JsonNode> longDone = new ArrayList<>();
        for (String id : long_) {
            longDone.add(api.awaitJob(id, Duration.ofSeconds(120)));
        }
        Instant shortFinished = Instant.parse(done.path("finishedAt").asString());
        assertThat(longDone)
                .allSatisfy(j -> assertThat(Instant.parse(j.path("finishedAt").asString()))
                        .as("a long job finished before the short newcomer")
                        .isAfter(shortFinished));
        // While it was resident, steps shrank to the short-job batch (1 by default: the long ones waited); otherwise
        // the long ones filled the batch of 8.
        assertThat(done.path("batchSizes").asString()).isEqualTo("1");
        assertThat(longDone)
                .allSatisfy(j ->
                        assertThat(j.path("batchSizes").asString().split(",")).contains("8"));
    }

    private void awaitState(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!api.get("/api/v1/jobs/" + id).json().path("state").asString().equals(state)) {
            assertThat(System.nanoTime()).as("job " + id + " reached " + state).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void identicalRequestWithExplicitSeedIsServedFromTheResultCache() {
        String json = body("cached cat", 3, 77);
        JsonNode first =
                api.awaitJob(api.post("/api/v1/jobs", json).json().path("id").asString(), Duration.ofSeconds(60));
        ApiClient.Response again = api.post("/api/v1/jobs", json);
        assertThat(again.json().path("state").asString()).isEqualTo("DONE");
        assertThat(again.json().path("id").asString())
                .isNotEqualTo(first.path("id").asString());
        assertThat(again.json().path("images").path(0).path("url").asString())
                .isEqualTo(first.path("images").path(0).path("url").asString());
    }

    @Test
    void identicalRequestsInFlightAreComputedOnce() throws Exception {
        String json = body("twin cat", 30, 4242);
        CompletableFuture<ApiClient.Response> a = CompletableFuture.supplyAsync(() -> api.post("/api/v1/jobs", json));
        CompletableFuture<ApiClient.Response> b = CompletableFuture.supplyAsync(() -> api.post("/api/v1/jobs", json));
        JsonNode first = api.awaitJob(a.get().json().path("id").asString(), Duration.ofSeconds(60));
        JsonNode second = api.awaitJob(b.get().json().path("id").asString(), Duration.ofSeconds(60));
        assertThat(first.path("images")).isEqualTo(second.path("images"));
        long computed = java.util.stream.Stream.of(first, second)
                .filter(job -> !job.path("batchSizes").asString().isEmpty())
                .count();
        assertThat(computed).as("one computation serves both").isEqualTo(1);
    }

    @Test
    void cancelStopsARunningJob() {
        String id = api.post("/api/v1/jobs", """
                        {"prompt": "long", "width": 256, "height": 256, "steps": 150, "n": 16}""").json().path("id").asString();
        ApiClient.Response canceled = api.post("/api/v1/jobs/" + id + "/cancel", "");
        assertThat(canceled.status()).isEqualTo(200);
        JsonNode job = api.awaitJob(id, Duration.ofSeconds(30));
        assertThat(job.path("state").asString()).isEqualTo("CANCELED");
        assertThat(job.path("images")).isEmpty();
    }

    // Long enough to be still running when the stream opens.
    static final String STREAM_JOB = """
            {"prompt": "stream cat", "width": 128, "height": 128, "steps": 150, "n": 4}""";

    @Test
    void eventStreamReportsProgressThenDone() {
        String id = api.post("/api/v1/jobs", STREAM_JOB).json().path("id").asString();
        String stream = api.get("/api/v1/jobs/" + id + "/events").body();
        assertThat(stream)
                .contains("event:progress")
                .contains("\"totalSteps\":150")
                .contains("event:done");
        assertThat(stream.indexOf("event:done")).isGreaterThan(stream.lastIndexOf("event:progress"));
    }

    @Test
    void badInputGets4xxNamingTheProblem() {
        assertError(api.post("/api/v1/jobs", body("x", 0, 1)), 400, "steps must be between 1 and 150");
        assertError(
                api.post("/api/v1/jobs", "{\"prompt\": \"x\", \"width\": 36, \"height\": 32}"),
                400,
                "width must be a multiple of 8");
        assertError(api.post("/api/v1/jobs", "{\"prompt\": \"x\", \"sampler\": \"nope\"}"), 400, "unknown sampler");
        assertError(api.post("/api/v1/jobs", "{\"prompt\": \"x\", \"model\": \"nope\"}"), 404, "unknown model");
        assertError(api.post("/api/v1/jobs", "{\"prompt\": \"x\", \"steps\": \"many\"}"), 400, "steps");
        assertError(api.post("/api/v1/jobs", "{not json"), 400, "not valid JSON");
        assertError(api.post("/api/v1/jobs", "{\"prompt\": \"x\", \"initImage\": \"aGVsbG8=\"}"), 400, "initImage");
        ApiClient.Response blocked = api.post("/api/v1/jobs", "{\"prompt\": \"c h i l d   p0rn\"}");
        assertError(blocked, 400, "blocked term");
        assertThat(blocked.json().path("field").asString()).isEqualTo("prompt");
        assertError(api.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000"), 404, "no job");
        assertError(api.get("/api/v1/images/" + "0".repeat(64) + ".png"), 404, "no image");
    }

    @Test
    void anInitImageLargerThanAJobCanBeIsRefusedFromItsHeader() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4096, 2048, BufferedImage.TYPE_BYTE_BINARY), "png", png);
        String base64 = Base64.getEncoder().encodeToString(png.toByteArray());

        ApiClient.Response nativeJob = api.post("/api/v1/jobs", """
                {"prompt": "x", "width": 32, "height": 32, "steps": 1, "initImage": "%s"}""".formatted(base64));
        assertError(nativeJob, 400, "4096x2048");
        assertThat(nativeJob.json().path("field").asString()).isEqualTo("initImage");
        assertThat(nativeJob.json().path("message").asString()).contains("2048x2048");

        ApiClient.Response a1111 = api.post("/sdapi/v1/img2img", """
                {"prompt": "x", "width": 32, "height": 32, "steps": 1, "init_images": ["%s"]}""".formatted(base64));
        assertThat(a1111.status()).as(a1111.body()).isEqualTo(400);
        assertThat(a1111.json().path("detail").asString()).contains("init_images[0]", "4096x2048");
        assertThat(api.get("/api/v1/images/" + BlobStore.sha256(png.toByteArray()) + ".png")
                        .status())
                .as("nothing stored")
                .isEqualTo(404);
    }

    @Test
    void prometheusShowsQueueBatchCacheAndPoolMetrics() {
        api.awaitJob(
                api.post("/api/v1/jobs", body("metric cat", 3, 9))
                        .json()
                        .path("id")
                        .asString(),
                Duration.ofSeconds(60));
        String metrics =
                new ApiClient(port, METRICS_KEY).get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("easel_queue_depth")
                .contains("easel_queue_wait_seconds_count")
                .contains("easel_batch_size_count")
                .contains("easel_batch_step_seconds_count")
                .contains("easel_images_generated_total")
                .contains("easel_models_loads_total")
                .contains("easel_models_resident_bytes")
                .contains("cache_gets_total{cache=\"text-embeddings\"");
        assertThat(metrics).containsPattern("easel_images_generated_total(\\{[^}]*\\})? [1-9]");
    }

    @Test
    void openApiDocumentDescribesTheNativeApi() {
        ApiClient.Response document = api.get("/api/v1/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("paths").has("/api/v1/jobs")).isTrue();
        assertThat(document.json().path("paths").has("/api/v1/jobs/{id}/events"))
                .isTrue();
    }

    private static void assertError(ApiClient.Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("message").asString()).contains(message);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-api");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
