package dev.easel.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.easel.server.testing.CommunityApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seeded random bad input against every public endpoint: each operation of the OpenAPI document (native, A1111 and
 * OpenAI APIs) and the web pages, as an anonymous caller and as a signed-in user, with junk path and query values,
 * wrong types, huge and negative numbers, invalid UTF-8, deep nesting, empty, oversized and chunked bodies, broken
 * multipart and odd headers. A client mistake must never produce a 5xx; the first one fails the test with the
 * request that caused it. Reproduce a failure with {@code -Deasel.fuzz.seed=N}.
 */
class BadInputFuzzTest extends CommunityApp {
    private static final long SEED = Long.getLong("easel.fuzz.seed", 20261202L);
    private static final int ROUNDS = 4;
    private static final Duration BUDGET = Duration.ofMinutes(5);
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3})");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final List<String> PAGES = List.of(
            "/",
            "/feed",
            "/generate",
            "/login",
            "/models",
            "/models/new",
            "/models/{id}",
            "/moderation",
            "/moderation/reports",
            "/notifications",
            "/posts/{id}",
            "/register",
            "/search",
            "/search/suggest",
            "/settings",
            "/users/{username}");
    private static final List<String> JUNK_SEGMENTS = List.of(
            "0",
            "-1",
            "1",
            "99999999999999999999999",
            "1.5",
            "abc",
            "%00",
            "%FF%FE",
            "..%2F..%2Fetc%2Fpasswd",
            "%E5%90%8D%E5%89%8D",
            "x".repeat(3000),
            "null",
            "%20");
    private static final List<String> JUNK_VALUES = List.of(
            "-1",
            "0",
            "2147483648",
            "-9223372036854775809",
            "1e309",
            "NaN",
            "",
            "%00",
            "%FF",
            "abc",
            "[]",
            "{}",
            "a".repeat(5000),
            "true");

    /** One request as sent, printable when it fails. */
    private record Sent(
            String method, String target, String contentType, byte[] body, boolean chunked, List<String> headers) {
        @Override
        public String toString() {
            String shown = body == null
                    ? "(no body)"
                    : body.length > 300
                            ? new String(body, 0, 300, StandardCharsets.ISO_8859_1) + "... (" + body.length + " bytes)"
                            : new String(body, StandardCharsets.ISO_8859_1);
            return method + " " + target + " content-type=" + contentType + (chunked ? " chunked" : "") + " headers="
                    + headers + "\n  body: " + shown;
        }
    }

    private record Operation(String method, String path, List<String> queryNames, boolean takesBody) {}

    @Test
    void noBadRequestGetsA5xx() {
        List<Operation> operations = operations();
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(40);
        List<String> callers = List.of("", member().api().apiKey());
        Random random = new Random(SEED);
        int[] byClass = new int[6];
        Map<String, String> failures = new LinkedHashMap<>();
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int round = 0; round < ROUNDS; round++) {
                for (Operation operation : operations) {
                    Sent sent = request(random, operation, callers.get(random.nextInt(callers.size())));
                    Answer answer = send(sent);
                    if (answer.status() >= 500) {
                        failures.putIfAbsent(
                                operation.method() + " " + operation.path(),
                                "round " + round + ": " + sent + "\n  -> " + answer.status() + " " + answer.body());
                    }
                    byClass[answer.status() / 100]++;
                }
            }
        });
        // Every operation that answered a 5xx, with the first request that made it: all of them, not just the first.
        assertThat(failures).as("seed %d: 5xx answers", SEED).isEmpty();
        // The junk reaches the refusals, and the endpoints still answer normally to some of it.
        assertThat(byClass[4]).as("4xx answers").isGreaterThan(operations.size());
        assertThat(byClass[2]).as("2xx answers").isPositive();
    }

    private record Answer(int status, String body) {}

    private List<Operation> operations() {
        JsonNode paths = anonymous().get("/api/v1/openapi.json").json().path("paths");
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                List<String> query = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    if (parameter.path("in").asString().equals("query")) {
                        query.add(parameter.path("name").asString());
                    }
                }
                operations.add(new Operation(
                        method.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(),
                        query,
                        operation.has("requestBody") || !method.getKey().equals("get")));
            }
        }
        for (String page : PAGES) {
            operations.add(new Operation("GET", page, List.of("q", "cursor", "page", "sort", "tab"), false));
        }
        return operations;
    }

    private static Sent request(Random r, Operation operation, String apiKey) {
        Matcher variables = PATH_VARIABLE.matcher(operation.path());
        StringBuilder target = new StringBuilder();
        while (variables.find()) {
            variables.appendReplacement(target, Matcher.quoteReplacement(pick(r, JUNK_SEGMENTS)));
        }
        variables.appendTail(target);
        List<String> query = new ArrayList<>(operation.queryNames());
        query.addAll(List.of("limit", "cursor"));
        String separator = "?";
        for (String name : query) {
            if (r.nextInt(3) == 0) {
                target.append(separator)
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(pick(r, JUNK_VALUES), StandardCharsets.UTF_8));
                separator = "&";
            }
        }
        if (r.nextInt(12) == 0) {
            target.append(separator).append("%zz=%");
        }
        List<String> headers = new ArrayList<>();
        if (!apiKey.isEmpty()) {
            headers.addAll(List.of("Authorization", "Bearer " + apiKey));
        } else if (r.nextInt(8) == 0) {
            headers.addAll(List.of("Authorization", pick(r, List.of("Bearer", "Basic !!!", "Bearer a b", "Digest x"))));
        }
        if (r.nextInt(4) == 0) {
            headers.addAll(oddHeader(r));
        }
        String method = operation.method();
        if (!operation.takesBody() && r.nextInt(6) != 0) {
            return new Sent(method, target.toString(), null, null, false, headers);
        }
        Body body = body(r);
        return new Sent(method, target.toString(), body.contentType(), body.bytes(), r.nextInt(4) == 0, headers);
    }

    private record Body(String contentType, byte[] bytes) {}

    private static Body body(Random r) {
        String json = "application/json";
        return switch (r.nextInt(14)) {
            case 0 -> new Body(json, new byte[0]);
            case 1 ->
                new Body(
                        json,
                        "{\"prompt\": \"a\u0000b\", \"bio\": \"\uD800\", \"text\": \"x\u0007\"}"
                                .getBytes(StandardCharsets.UTF_8));
            case 2 -> new Body(json, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            case 3 -> new Body(json, ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.US_ASCII));
            case 4 ->
                new Body(json, ("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)).getBytes(StandardCharsets.US_ASCII));
            case 5 -> new Body(json, wrongTypes(r).getBytes(StandardCharsets.UTF_8));
            case 6 ->
                new Body(
                        json,
                        "{\"n\": 1e400, \"steps\": -99999999999, \"width\": 1.5}".getBytes(StandardCharsets.US_ASCII));
            case 7 -> new Body(json, oversized(r));
            case 8 ->
                new Body(
                        "multipart/form-data; boundary=xyz",
                        "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb"
                                .getBytes(StandardCharsets.US_ASCII));
            case 9 -> new Body("multipart/form-data", "--abc\r\n\r\n--abc--".getBytes(StandardCharsets.US_ASCII));
            case 10 ->
                new Body("application/x-www-form-urlencoded", "a=%zz&b=%00&=&&c".getBytes(StandardCharsets.US_ASCII));
            case 11 -> new Body("text/plain; charset=bogus", "hello".getBytes(StandardCharsets.US_ASCII));
            case 12 -> new Body(json, "null".getBytes(StandardCharsets.US_ASCII));
            default -> new Body(json, "[1, \"two\", {\"three\": [null]}]".getBytes(StandardCharsets.US_ASCII));
        };
    }

    /** An object whose usual field names carry values of the wrong type. */
    private static String wrongTypes(Random r) {
        List<String> names = List.of(
                "prompt",
                "steps",
                "width",
                "height",
                "seed",
                "n",
                "title",
                "visibility",
                "images",
                "role",
                "body",
                "text",
                "username",
                "password",
                "bio",
                "name",
                "tags",
                "rating",
                "nsfwLevel",
                "reason",
                "parentId",
                "sd_model_checkpoint",
                "init_images",
                "size",
                "model");
        List<String> values = List.of(
                "[]",
                "{}",
                "\"\"",
                "-1",
                "99999999999999999999",
                "true",
                "null",
                "\"x\"",
                "[{\"a\": []}]",
                "1.0e10",
                "\"" + "y".repeat(20000) + "\"");
        StringBuilder body = new StringBuilder("{");
        for (String name : names) {
            if (r.nextInt(3) == 0) {
                body.append(body.length() > 1 ? "," : "")
                        .append('"')
                        .append(name)
                        .append("\":")
                        .append(pick(r, values));
            }
        }
        return body.append('}').toString();
    }

    /** Many small objects, a few MB: bounded so the test stays cheap (the memory check is in the benchmark). */
    private static byte[] oversized(Random r) {
        int count = 20_000 + r.nextInt(60_000);
        StringBuilder body = new StringBuilder(count * 8).append('[');
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"a\":1}");
        }
        return body.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> oddHeader(Random r) {
        return pick(
                r,
                List.of(
                        List.of("Range", "bytes=5-2"),
                        List.of("Range", "bytes=-0"),
                        List.of("Range", "bytes=0-0,1-1,2-2,3-3,4-4,5-5"),
                        List.of("Range", "lines=1-2"),
                        List.of("Accept", "*/*;q=abc"),
                        List.of("Accept", "text/event-stream"),
                        List.of("If-None-Match", "W/\"\"\""),
                        List.of("If-Modified-Since", "yesterday"),
                        List.of("X-XSRF-TOKEN", "junk"),
                        List.of("Accept-Language", "zz-ZZZZ;q=2"),
                        List.of("Content-Encoding", "gzip"),
                        List.of("X-Forwarded-For", "not-an-address")));
    }

    /**
     * Sends over a plain socket rather than an HTTP client, which would refuse (or repair) what a hostile client sends:
     * malformed percent escapes in the target, odd header values, a chunked body of any content.
     */
    private Answer send(Sent sent) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder()
                    .append(sent.method())
                    .append(' ')
                    .append(sent.target())
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                    .append(port)
                    .append("\r\nConnection: close\r\n");
            if (sent.contentType() != null) {
                head.append("Content-Type: ").append(sent.contentType()).append("\r\n");
            }
            for (int i = 0; i < sent.headers().size(); i += 2) {
                head.append(sent.headers().get(i))
                        .append(": ")
                        .append(sent.headers().get(i + 1))
                        .append("\r\n");
            }
            byte[] body = sent.body() == null ? new byte[0] : sent.body();
            if (sent.chunked()) {
                head.append("Transfer-Encoding: chunked\r\n\r\n");
                request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                for (int offset = 0; offset < body.length; offset += 8192) {
                    int length = Math.min(8192, body.length - offset);
                    request.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    request.write(body, offset, length);
                    request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
                request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                request.writeBytes(body);
            }
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it has read a body it refuses (413): read that answer.
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
            Matcher status = STATUS_LINE.matcher(answer);
            if (!status.lookingAt()) {
                return new Answer(499, "no HTTP answer: " + answer);
            }
            return new Answer(Integer.parseInt(status.group(1)), answer);
        } catch (IOException e) {
            return new Answer(499, e.toString());
        }
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
