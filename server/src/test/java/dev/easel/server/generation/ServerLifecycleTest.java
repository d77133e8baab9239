package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.EaselServer;
import dev.easel.server.testing.ApiClient;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** Startup and shutdown of the whole server, around the batch loops: the order in which things happen. */
class ServerLifecycleTest {
    @TempDir
    Path dir;

    private SpringApplicationBuilder server() {
        TinyModels.write(dir.resolve("models/tiny"), TinyModelSpec.defaults());
        return new SpringApplicationBuilder(EaselServer.class)
                .properties(
                        "server.port=0",
                        "easel.data-dir=" + dir.resolve("data"),
                        "easel.models-dir=" + dir.resolve("models"),
                        "easel.bundled-model=" + dir.resolve("none"));
    }

    @Test
    void unfinishedJobsAreRecoveredBeforeRequestsAreAccepted() throws Exception {
        Instant crashedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        String id = UUID.randomUUID().toString();
        try (ConfigurableApplicationContext first = server().run()) {
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
                .run()) {
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

    @Test
    void shutdownWaitsForTheBatchLoopsBeforeClosingModels() throws Exception {
        ConfigurableApplicationContext context = server().run();
        ApiClient api = new ApiClient(context.getEnvironment().getProperty("local.server.port", Integer.class), null);
        String id = api.post("/api/v1/jobs", """
                        {"prompt": "long", "width": 256, "height": 256, "steps": 150, "n": 16}""").json().path("id").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!api.get("/api/v1/jobs/" + id).json().path("state").asString().equals("RUNNING")) {
            assertThat(System.nanoTime()).as("job started").isLessThan(deadline);
            Thread.sleep(10);
        }
        context.close();
        assertThat(Thread.getAllStackTraces().keySet())
                .as("no batch loop is still inside the model when the models are closed")
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("easel-batch-"));
    }
}
