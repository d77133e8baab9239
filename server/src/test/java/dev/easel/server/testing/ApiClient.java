package dev.easel.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP against the server under test, as one caller (an API key, or none for anonymous). */
public record ApiClient(int port, String apiKey) {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public Response post(String path, String json) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** GET of a path on this server, or of an absolute URL it handed out; anything but 200 fails. */
    public byte[] bytes(String pathOrUrl) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : base() + pathOrUrl;
        try {
            HttpResponse<byte[]> response = HTTP.send(
                    authorized(HttpRequest.newBuilder(URI.create(url))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " gave " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Polls a job until it finishes. */
    public JsonNode awaitJob(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Response response = get("/api/v1/jobs/" + id);
            if (response.status() != 200) {
                throw new AssertionError("GET job " + id + " answered " + response.status() + ": " + response.body());
            }
            JsonNode job = response.json();
            String state = job.path("state").asString();
            if (state.equals("DONE") || state.equals("FAILED") || state.equals("CANCELED")) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("job " + id + " did not finish within " + timeout);
    }

    private HttpRequest.Builder request(String path) {
        return authorized(HttpRequest.newBuilder(URI.create(base() + path)));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        builder.timeout(Duration.ofMinutes(2));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
