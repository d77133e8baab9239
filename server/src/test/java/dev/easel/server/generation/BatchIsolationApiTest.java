package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A fault in one job, in a listener or in the batch loop itself stays with what it touches: other jobs finish, the
 * loop keeps serving, and idle loops end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchIsolationApiTest {
    static final Path ROOT = tempDir();
    /** The VAE decoder of this model takes only 16x16 latents (128x128 images); other sizes fail in the decode. */
    static final int FIXED_VAE_SIDE = 128;

    @LocalServerPort
    int port;

    @Autowired
    GenerationService generation;

    @Autowired
    FaultyQueue queue;

    ApiClient api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TinyModels.write(ROOT.resolve("models/tiny"), TinyModelSpec.defaults());
        fixVaeLatentSide(TinyModels.write(ROOT.resolve("models/fixed-vae"), TinyModelSpec.defaults()), 16);
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.generation.max-batch", () -> "8");
    }

    /** The queue of the server, with a fault that can be armed: the loop's next look at it throws an {@link Error}. */
    static final class FaultyQueue implements JobQueue {
        final JobQueue delegate;
        final AtomicBoolean armed = new AtomicBoolean();

        FaultyQueue(JobQueue delegate) {
            this.delegate = delegate;
        }

        @Override
        public void arrived(String model) {
            delegate.arrived(model);
        }

        @Override
        public void whenJobArrives(Consumer<String> listener) {
            delegate.whenJobArrives(listener);
        }

        @Override
        public long arrivals() {
            if (armed.getAndSet(false)) {
                throw new OutOfMemoryError("injected by the test");
            }
            return delegate.arrivals();
        }

        @Override
        public void awaitArrival(long seen, Duration timeout) throws InterruptedException {
            delegate.awaitArrival(seen, timeout);
        }

        @Override
        public int position(String jobId) {
            return delegate.position(jobId);
        }

        @Override
        public boolean waiting(String model) {
            return delegate.waiting(model);
        }

        @Override
        public List<String> waitingModels() {
            return delegate.waitingModels();
        }

        @Override
        public int size() {
            return delegate.size();
        }
    }

    @TestConfiguration
    static class Faults {
        @Bean
        @Primary
        FaultyQueue faultyQueue(JobRepository jobs) {
            return new FaultyQueue(new DatabaseJobQueue(jobs));
        }
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port, null);
    }

    static String body(String model, String prompt, int side, int steps, int n) {
        return """
                {"model": "%s", "prompt": "%s", "width": %d, "height": %d, "steps": %d, "n": %d, "seed": 7}""".formatted(model, prompt, side, side, steps, n);
    }

    private String submit(String json) {
        ApiClient.Response response = api.post("/api/v1/jobs", json);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().path("id").asString();
    }

    @Test
    void aListenerThatThrowsNeverFailsTheJob() throws Exception {
        String id = submit(body("tiny", "throwing listener", 128, 150, 4));
        CountDownLatch called = new CountDownLatch(1);
        try (AutoCloseable subscription = generation.subscribe(id, event -> {
            called.countDown();
            throw new IllegalStateException("a broken listener");
        })) {
            assertThat(called.await(60, TimeUnit.SECONDS)).isTrue();
            JsonNode job = api.awaitJob(id, Duration.ofSeconds(120));
            assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("DONE");
        }
    }

    @Test
    void aListenerThatBlocksStallsNobody() throws Exception {
        String slowWatched = submit(body("tiny", "blocked listener", 128, 150, 4));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger events = new AtomicInteger();
        Consumer<JobEvent> blocking = event -> {
            events.incrementAndGet();
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (AutoCloseable subscription = generation.subscribe(slowWatched, blocking)) {
            assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
            String other = submit(body("tiny", "unwatched", 32, 4, 1));
            JsonNode done = api.awaitJob(other, Duration.ofSeconds(60));
            assertThat(done.path("state").asString()).isEqualTo("DONE");
            assertThat(api.awaitJob(slowWatched, Duration.ofSeconds(120))
                            .path("state")
                            .asString())
                    .as("the watched job itself is not held up either")
                    .isEqualTo("DONE");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailingDecodeFailsOnlyTheJobsInIt() throws Exception {
        String fits = submit(body("fixed-vae", "fits the decoder", FIXED_VAE_SIDE, 150, 4));
        awaitState(fits, "RUNNING");
        String misfit = submit(body("fixed-vae", "does not fit the decoder", 32, 2, 1));
        JsonNode failed = api.awaitJob(misfit, Duration.ofSeconds(60));
        assertThat(failed.path("state").asString()).isEqualTo("FAILED");
        JsonNode done = api.awaitJob(fits, Duration.ofSeconds(120));
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("DONE");
    }

    @Test
    void anErrorInTheBatchLoopFailsItsJobsAndTheLoopKeepsServing() throws Exception {
        String victim = submit(body("tiny", "in the loop when it breaks", 128, 150, 4));
        awaitState(victim, "RUNNING");
        queue.armed.set(true);
        JsonNode failed = api.awaitJob(victim, Duration.ofSeconds(30));
        assertThat(failed.path("state").asString()).isEqualTo("FAILED");
        String next = submit(body("tiny", "after the break", 32, 4, 1));
        assertThat(api.awaitJob(next, Duration.ofSeconds(30)).path("state").asString())
                .isEqualTo("DONE");
    }

    @Test
    void anIdleModelsBatchThreadEnds() throws Exception {
        String id = submit(body("tiny", "then idle", 32, 4, 1));
        assertThat(api.awaitJob(id, Duration.ofSeconds(60)).path("state").asString())
                .isEqualTo("DONE");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (batchThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(batchThreads())
                .as("batch threads left once no model has work")
                .isZero();
    }

    private static long batchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("easel-batch-"))
                .count();
    }

    private void awaitState(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!api.get("/api/v1/jobs/" + id).json().path("state").asString().equals(state)) {
            assertThat(System.nanoTime()).as("job " + id + " reached " + state).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Declares the VAE decoder's latent height and width fixed, so ONNX Runtime refuses any other size. */
    private static void fixVaeLatentSide(Path model, int side) {
        Path file = model.resolve("vae_decoder/model.onnx");
        try {
            OnnxMl.ModelProto.Builder proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file)).toBuilder();
            OnnxMl.TensorShapeProto.Builder shape = proto.getGraphBuilder()
                    .getInputBuilder(0)
                    .getTypeBuilder()
                    .getTensorTypeBuilder()
                    .getShapeBuilder();
            shape.getDimBuilder(2).clear().setDimValue(side);
            shape.getDimBuilder(3).clear().setDimValue(side);
            Files.write(file, proto.build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-isolation");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
