package dev.easel.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.testing.ApiClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies are bounded however they arrive (chunked bodies are counted as they are read), JSON parsing has
 * limits, large bodies are read only a few at a time, and malformed multipart bodies are client mistakes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestBodyLimitsTest {
    static final Path ROOT = tempDir();
    static final String ADMIN_KEY = "admin-key-for-body-limits-0123456789";
    static final int GENERAL_LIMIT = 4096;
    static final int GENERATION_LIMIT = 65536;
    static final int LARGE_BODY = 16384;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TinyModels.write(ROOT.resolve("models/tiny"), TinyModelSpec.defaults());
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.auth.admin-api-key", () -> ADMIN_KEY);
        registry.add("easel.api.max-body-bytes", () -> GENERAL_LIMIT);
        registry.add("easel.generation.max-body-bytes", () -> GENERATION_LIMIT);
        registry.add("easel.api.large-body-bytes", () -> LARGE_BODY);
        registry.add("easel.api.max-large-bodies", () -> 1);
        registry.add("easel.api.large-body-wait", () -> "200ms");
        registry.add("easel.api.json.max-string-length", () -> 32768);
        registry.add("easel.api.json.max-token-count", () -> 5000);
    }

    @Test
    void chunkedBodiesOverTheLimitGet413WhereverTheyAreRead() {
        // Whitespace: over the body limits, but no token or string long enough for a JSON parser limit.
        String padding = " ".repeat(100_000);
        Chunked role = chunked("PUT", "/api/v1/users/1/role", "{\"role\": \"ADMIN\"" + padding + "}");
        assertThat(role.status()).as(role.body()).isEqualTo(413);
        assertThat(role.json().path("status").asInt()).isEqualTo(413);
        assertThat(role.json().path("message").asString()).contains("too large").contains("4096");

        Chunked job = chunked("POST", "/api/v1/jobs", "{\"prompt\": \"a\"" + padding + "}");
        assertThat(job.status()).as(job.body()).isEqualTo(413);
        assertThat(job.json().path("message").asString()).contains("too large").contains("65536");

        Chunked a1111 = chunked("POST", "/sdapi/v1/txt2img", "{\"prompt\": \"a\"" + padding + "}");
        assertThat(a1111.status()).as(a1111.body()).isEqualTo(413);
        assertThat(a1111.json().path("detail").asString()).contains("too large");

        Chunked openAi = chunked("POST", "/v1/images/generations", "{\"prompt\": \"a\"" + padding + "}");
        assertThat(openAi.status()).as(openAi.body()).isEqualTo(413);
        assertThat(openAi.json().path("error").path("message").asString()).contains("too large");

        ApiClient.Response comment = new ApiClient(port, ADMIN_KEY)
                .post("/api/v1/comments/post/none", "{\"body\": \"" + "y".repeat(GENERAL_LIMIT) + "\"}");
        assertThat(comment.status())
                .as("community endpoints keep the small general limit")
                .isEqualTo(413);
    }

    @Test
    void jsonOverTheParserLimitsIs400NamingTheLimit() {
        ApiClient api = new ApiClient(port, null);
        String deep = "[".repeat(100) + "]".repeat(100);
        assertRefused(api.post("/api/v1/jobs", "{\"prompt\": \"a\", \"x\": " + deep + "}"), "nesting depth");
        assertRefused(api.post("/api/v1/jobs", "{\"steps\": " + "1".repeat(2000) + "}"), "number value length");
        assertRefused(api.post("/api/v1/jobs", "{\"prompt\": \"" + "z".repeat(40_000) + "\"}"), "string value length");
        assertRefused(api.post("/api/v1/jobs", "{\"x\": [" + "0,".repeat(6000) + "0]}"), "token count");

        ApiClient.Response a1111 = api.post("/sdapi/v1/txt2img", "{\"prompt\": \"a\", \"x\": " + deep + "}");
        assertThat(a1111.status()).as(a1111.body()).isEqualTo(400);
        assertThat(a1111.json().path("detail").asString().toLowerCase(Locale.ROOT))
                .contains("nesting depth");

        ApiClient.Response openAi = api.post("/v1/images/generations", "{\"prompt\": \"a\", \"x\": " + deep + "}");
        assertThat(openAi.status()).as(openAi.body()).isEqualTo(400);
        assertThat(openAi.json().path("error").path("message").asString().toLowerCase(Locale.ROOT))
                .contains("nesting depth");
    }

    @Test
    void onlyAFewLargeBodiesAreReadAtOnce() throws Exception {
        ApiClient api = new ApiClient(port, null);
        String large = "{\"prompt\": \"" + "w".repeat(LARGE_BODY + 1000) + "\"}";
        try (Socket holder = new Socket("127.0.0.1", port)) {
            // A slow client: a large chunked body that never ends holds the only permit.
            OutputStream out = holder.getOutputStream();
            String head = "POST /api/v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n";
            byte[] chunk = large.substring(0, LARGE_BODY + 500).getBytes(StandardCharsets.UTF_8);
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            ApiClient.Response busy = awaitStatus(api, large, 503);
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(busy.json().path("message").asString()).contains("large request bodies");
            assertThat(api.post("/api/v1/jobs", "{\"prompt\": \"small\", \"steps\": 0}")
                            .status())
                    .as("small bodies are not held up")
                    .isEqualTo(400);
        }
        assertThat(awaitStatus(api, large, 400).status())
                .as("the permit is back once the slow client left")
                .isEqualTo(400);
    }

    @Test
    void malformedMultipartIs400NamingTheProblem() {
        ApiClient admin = new ApiClient(port, ADMIN_KEY);
        byte[] garbage = "this is not multipart".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = "--abc\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n\r\nPNG..."
                .getBytes(StandardCharsets.UTF_8);
        for (String[] target : new String[][] {
            {"POST", "/api/v1/jobs"},
            {"POST", "/api/v1/models"},
            {"POST", "/api/v1/posts"},
            {"PUT", "/api/v1/me/avatar"}
        }) {
            ApiClient.Response noBoundary = admin.send(target[0], target[1], "multipart/form-data", garbage);
            ApiClient.Response cutShort =
                    admin.send(target[0], target[1], "multipart/form-data; boundary=abc", truncated);
            ApiClient.Response noParts = admin.send(target[0], target[1], "multipart/form-data; boundary=abc", garbage);
            for (ApiClient.Response response : List.of(noBoundary, cutShort)) {
                assertThat(response.status())
                        .as(target[1] + " -> " + response.body())
                        .isEqualTo(400);
                assertThat(response.json().path("message").asString()).startsWith("malformed multipart body: ");
            }
            // Text without a single boundary is a multipart body with no parts: the endpoint says what is missing.
            assertThat(noParts.status()).as(target[1] + " -> " + noParts.body()).isBetween(400, 415);
            assertThat(noParts.json().path("message").asString()).isNotEqualTo("internal error");
        }
    }

    private static void assertRefused(ApiClient.Response response, String problem) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("message").asString().toLowerCase(Locale.ROOT))
                .contains(problem);
    }

    private static ApiClient.Response awaitStatus(ApiClient api, String body, int status) throws InterruptedException {
        ApiClient.Response response = null;
        for (int i = 0; i < 100; i++) {
            response = api.post("/api/v1/jobs", body);
            if (response.status() == status) {
                return response;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never " + status + "; last: " + response.status() + " " + response.body());
    }

    /** The answer to a body sent with chunked transfer encoding (no Content-Length). */
    record Chunked(int status, String body) {
        JsonNode json() {
            return ApiClient.JSON.readTree(body);
        }
    }

    private Chunked chunked(String method, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        try (HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Chunked(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-body-limits");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
