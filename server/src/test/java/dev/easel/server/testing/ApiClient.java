package dev.easel.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP against the server under test, as one caller (an API key, or none for anonymous): every method, JSON and
 * multipart bodies, raw files. A {@link #browser} client also keeps cookies, as a browser does, for session sign-in
 * and CSRF tests.
 */
public record ApiClient(int port, String apiKey, CookieManager cookies, HttpClient http) {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(int port, String apiKey) {
        this(port, apiKey, null, HTTP);
    }

    /** A client without a key that keeps the cookies the server sets (session, XSRF-TOKEN) and sends them back. */
    public static ApiClient browser(int port) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(cookies)
                .build();
        return new ApiClient(port, null, cookies, http);
    }

    /** This client's cookies, with another key (or none); the cookies stay shared. */
    public ApiClient withKey(String key) {
        return new ApiClient(port, key, cookies, http);
    }

    /** The value of a cookie this client holds, if any. */
    public Optional<String> cookie(String name) {
        if (cookies == null) {
            return Optional.empty();
        }
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** One part of a multipart body: a form field (filename null) or a file. */
    public record Part(String name, String filename, String contentType, byte[] bytes) {
        public static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }

        public static Part file(String name, String filename, String contentType, byte[] bytes) {
            return new Part(name, filename, contentType, bytes);
        }
    }

    public Response put(String path) {
        return send("PUT", path, null, null);
    }

    public Response put(String path, String json) {
        return send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Response patch(String path, String json) {
        return send("PATCH", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** A multipart/form-data POST of {@code parts}. */
    public Response multipart(String path, List<Part> parts) {
        String boundary = "----easel" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\"")
                    .append(part.name())
                    .append('"');
            if (part.filename() != null) {
                head.append("; filename=\"").append(part.filename()).append('"');
            }
            head.append("\r\n");
            if (part.contentType() != null) {
                head.append("Content-Type: ").append(part.contentType()).append("\r\n");
            }
            head.append("\r\n");
            body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /**
     * Any request; {@code headers} are name, value pairs added to this client's own (key, cookies).
     *
     * @param contentType sent when {@code body} is not null
     */
    public Response send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = request(path)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(http, builder);
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public Response post(String path, String json) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    /** GET of a path on this server, or of an absolute URL it handed out; anything but 200 fails. */
    public byte[] bytes(String pathOrUrl) {
        HttpResponse<byte[]> response = fetch(pathOrUrl);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathOrUrl + " gave " + response.statusCode());
        }
        return response.body();
    }

    /** GET of raw bytes with the status, for files that may be missing or refused; a path or an absolute URL. */
    public HttpResponse<byte[]> fetch(String pathOrUrl) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : base() + pathOrUrl;
        try {
            return http.send(
                    authorized(HttpRequest.newBuilder(URI.create(url))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
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

    private static Response send(HttpClient http, HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
