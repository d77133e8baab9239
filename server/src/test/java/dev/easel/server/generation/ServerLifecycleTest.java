package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.EaselServer;
import dev.easel.server.testing.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Startup and shutdown of the whole server, around the batch loops: the order in which things happen. */
class ServerLifecycleTest {
    @TempDir
    Path dir;

    private SpringApplicationBuilder server() {
        TinyModels.write(dir.resolve("models/tiny"), TinyModelSpec.defaults());
        return new SpringApplicationBuilder(EaselServer.class);
    }

    /** Command-line arguments, as {@code ./easel serve} passes them: they win over application.properties. */
    private String[] args() {
        return new String[] {
            "--server.port=0",
            "--easel.data-dir=" + dir.resolve("data"),
            "--easel.models-dir=" + dir.resolve("models"),
            "--easel.bundled-model=" + dir.resolve("none")
        };
    }

    @Test
    void unfinishedJobsAreRecoveredBeforeRequestsAreAccepted() throws Exception {
        Instant crashedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        String id = UUID.randomUUID().toString();
        try (ConfigurableApplicationContext first = server().run(args())) {
            // A job the previous run was computing when it died.
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            jdbc.sql("insert into users (username, display_name, role, created_at) values ('crash', 'C', 'USER', ?)")
                    .param(java.sql.Timestamp.from(crashedAt))
                    .update();
            long owner = jdbc.sql("select id from users where username = 'crash'")
                    .query(Long.class)
                    .single();
            JobRequest request = new JobRequest("tiny", "crashed", "", 32, 32, 2, 7, "Euler a", 3, 1, null, 0, 0);
            first.getBean(JobRepository.class)
                    .insert(new Job(
                            id,
                            owner,
                            JobState.RUNNING,
                            request,
                            null,
                            3,
                            crashedAt,
                            crashedAt,
                            null,
                            null,
                            null,
                            List.of()));
        }
        AtomicReference<Job> whenServing = new AtomicReference<>();
        try (ConfigurableApplicationContext second = server().listeners(event -> {
                    if (event instanceof WebServerInitializedEvent served) {
                        whenServing.set(served.getApplicationContext()
                                .getBean(JobRepository.class)
                                .find(id)
                                .orElseThrow());
                    }
                })
                .run(args())) {
            assertThat(whenServing.get()).isNotNull();
            assertThat(whenServing.get().startedAt())
                    .as("recovery put the crashed job back in the queue before the first request could arrive")
                    .isNotEqualTo(crashedAt);
            JobRepository jobs = second.getBean(JobRepository.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!jobs.find(id).orElseThrow().state().finished()) {
                assertThat(System.nanoTime()).as("recovered job finished").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.DONE);
        }
    }

    /** Whether a batch loop was still alive when the models were closed. */
    static final AtomicReference<Boolean> loopsAliveWhenModelsClosed = new AtomicReference<>();

    /** The model pool, looking at the batch threads as shutdown comes to close it. */
    @Configuration(proxyBeanMethods = false)
    static class ProbedModelPool {
        @Bean
        @Primary
        ModelPool probedModelPool(ModelCatalog catalog, GenerationProperties properties, MeterRegistry meters) {
            return new ModelPool(catalog, properties, meters) {
                @Override
                public synchronized void destroy() {
                    loopsAliveWhenModelsClosed.set(batchThreads() > 0);
                    super.destroy();
                }
            };
        }
    }

    @Test
    void shutdownWaitsForTheBatchLoopsBeforeClosingModels() throws Exception {
        ConfigurableApplicationContext context =
                server().sources(ProbedModelPool.class).run(args());
        ApiClient api = new ApiClient(context.getEnvironment().getProperty("local.server.port", Integer.class), null);
        String id = api.post("/api/v1/jobs", """
                        {"prompt": "long", "width": 256, "height": 256, "steps": 150, "n": 16}""").json().path("id").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (api.get("/api/v1/jobs/" + id)
                        .json()
                        .path("progress")
                        .path("step")
                        .asInt()
                < 1) {
            assertThat(System.nanoTime()).as("job stepping").isLessThan(deadline);
            Thread.sleep(10);
        }
        context.close();
        assertThat(loopsAliveWhenModelsClosed.get())
                .as("a batch loop was still running when the models were closed")
                .isFalse();
        assertThat(batchThreads()).isZero();
    }

    private static long batchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("easel-batch-"))
                .count();
    }
}
