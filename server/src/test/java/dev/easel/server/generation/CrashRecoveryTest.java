package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.testing.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Kills a real server process with SIGKILL while jobs are queued and running, starts it again on the same data
 * folder, and checks every accepted job finishes exactly once.
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void everyAcceptedJobCompletesExactlyOnceAcrossAKill() throws Exception {
        try {
            killAndRestart();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nserver logs:\n" + logTail(), e);
        }
    }

    private void killAndRestart() throws Exception {
        TinyModels.write(dir.resolve("models/tiny"), TinyModelSpec.defaults().withUnetChannels(32));
        int port = freePort();
        Process first = startServer(port, "first.log");
        ApiClient api = new ApiClient(port, null);
        List<String> ids = new ArrayList<>();
        try {
            awaitUp(api);
            for (int i = 0; i < 8; i++) {
                String json = """
                        {"prompt": "job %d", "width": 64, "height": 64, "steps": 40, "seed": %d, "n": 2,
                         "sampler": "DDIM"}""".formatted(i, 1000 + i);
                ApiClient.Response response = api.post("/api/v1/jobs", json);
                assertThat(response.status()).as(response.body()).isEqualTo(202);
                ids.add(response.json().path("id").asString());
            }
            awaitState(api, ids.get(0), "DONE", Duration.ofSeconds(120));
            assertThat(api.get("/api/v1/jobs/" + ids.get(ids.size() - 1))
                            .json()
                            .path("state")
                            .asString())
                    .as("the kill must catch work in flight")
                    .isIn("QUEUED", "RUNNING");
            // Accepted a moment before the kill: the 202 promises it survives.
            ApiClient.Response last = api.post("/api/v1/jobs", """
                    {"prompt": "last", "width": 64, "height": 64, "steps": 10, "seed": 2000, "n": 2}""");
            assertThat(last.status()).as(last.body()).isEqualTo(202);
            ids.add(last.json().path("id").asString());
        } finally {
            first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no graceful stop
        }
        Process second = startServer(port, "second.log");
        try {
            awaitUp(api);
            Map<String, JsonNode> finished = new HashMap<>();
            for (String id : ids) {
                finished.put(id, api.awaitJob(id, Duration.ofSeconds(180)));
            }
            assertThat(finished.values()).allSatisfy(job -> {
                assertThat(job.path("state").asString()).isEqualTo("DONE");
                assertThat(job.path("images")).hasSize(2);
                assertThat(job.path("images").path(0).path("seed").asLong())
                        .isEqualTo(job.path("seed").asLong());
            });
            // A job done before the kill was not run again: same finish time, same images.
            JsonNode before = finished.get(ids.get(0));
            JsonNode after = api.get("/api/v1/jobs/" + ids.get(0)).json();
            assertThat(after.path("finishedAt")).isEqualTo(before.path("finishedAt"));
            assertThat(api.get("/api/v1/jobs?limit=100").json()).hasSize(ids.size());
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private Process startServer(int port, String log) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx1g",
                        "-cp",
                        classpath,
                        "dev.easel.server.EaselMain",
                        "serve",
                        "--port",
                        Integer.toString(port),
                        "--data",
                        dir.resolve("data").toString(),
                        "--models",
                        dir.resolve("models").toString(),
                        "--max-batch",
                        "4")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().put("EASEL_BUNDLED_MODEL", dir.resolve("none").toString());
        return builder.start();
    }

    private void awaitUp(ApiClient api) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (api.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // connection refused while starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server did not start");
    }

    private String logTail() {
        try (var logs = Files.list(dir)) {
            StringBuilder tail = new StringBuilder();
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(log);
                tail.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
            return tail.toString();
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void awaitState(ApiClient api, String id, String state, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (api.get("/api/v1/jobs/" + id).json().path("state").asString().equals(state)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " never reached " + state);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
