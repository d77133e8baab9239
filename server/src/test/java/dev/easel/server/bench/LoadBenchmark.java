package dev.easel.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loopback load run against a real {@code easel serve} process: throughput and p50/p95 latency at 1, 4, 8 and 16
 * concurrent clients, for {@code --max-batch 1} versus continuous batching, plus the exact-cache-hit latency.
 * Bounded: each client sends a fixed number of requests, and only to 127.0.0.1.
 *
 * <p>Run from the repository root, after building the server jar: {@code ./mvnw -q package -DskipTests && java
 * server/src/test/java/dev/easel/server/bench/LoadBenchmark.java models/easel-emoji [MAX_BATCH]} (a single-file
 * program: it needs only the JDK). {@code MAX_BATCH} (default 8, the server's default) is the batched run's {@code --max-batch}. Clients wait
 * for their jobs on the event stream, as the web page does, so waiting adds no polling load to the server.
 */
public final class LoadBenchmark {
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z]+)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int REQUESTS_PER_CLIENT = 8;
    private static final int LONE_REQUESTS = 20;
    private static final int STEPS = 20;
    private static final AtomicLong SEEDS = new AtomicLong(1);

    private LoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]).toAbsolutePath();
        int batched = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        System.out.printf(
                "model %s, %d steps, CFG 7, %d requests per client, %d cores%n",
                model.getFileName(),
                STEPS,
                REQUESTS_PER_CLIENT,
                Runtime.getRuntime().availableProcessors());
        System.out.println("max-batch  clients  images/s  p50 s  p95 s");
        for (int maxBatch : new int[] {1, batched}) {
            Path data = Files.createTempDirectory("easel-load");
            int port = freePort();
            Process server = start(model, data, port, maxBatch);
            try {
                awaitUp(port);
                run(port, 4, 4); // warm-up: loads the model, lets the JIT compile the serving paths
                for (int clients : new int[] {1, 4, 8, 16}) {
                    Round round = run(port, clients, REQUESTS_PER_CLIENT);
                    System.out.printf(
                            "%9d  %7d  %8.2f  %5.2f  %5.2f%n",
                            maxBatch,
                            clients,
                            round.latencies().size() / round.wallSeconds(),
                            percentile(round.latencies(), 50),
                            percentile(round.latencies(), 95));
                }
                loneRequestUnderLoad(port);
                if (maxBatch > 1) {
                    cacheHit(port);
                }
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    /** Latency of every request in seconds, and the round's wall time. */
    private record Round(List<Double> latencies, double wallSeconds) {}

    /** Each client submits and waits, request after request. */
    private static Round run(int port, int clients, int requests) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < requests; r++) {
                        latencies.add(generate(port, SEEDS.getAndIncrement()));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return new Round(latencies, (System.nanoTime() - start) / 1e9);
    }

    /** A small request (10 steps) alone, then while 8 clients keep the server busy with 20-step requests. */
    private static void loneRequestUnderLoad(int port) throws Exception {
        List<Double> unloaded = new ArrayList<>();
        for (int i = 0; i < LONE_REQUESTS; i++) {
            unloaded.add(generate(port, SEEDS.getAndIncrement(), 10));
        }
        AtomicBoolean busy = new AtomicBoolean(true);
        List<Double> loaded = new ArrayList<>();
        try (ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 8; c++) {
                background.submit(() -> {
                    while (busy.get()) {
                        generate(port, SEEDS.getAndIncrement(), STEPS);
                    }
                    return null;
                });
            }
            Thread.sleep(2000); // let the load build up
            for (int i = 0; i < LONE_REQUESTS; i++) {
                loaded.add(generate(port, SEEDS.getAndIncrement(), 10));
            }
            busy.set(false);
        }
        double quiet = percentile(unloaded, 95);
        double underLoad = percentile(loaded, 95);
        System.out.printf(
                "lone 10-step request: unloaded p50 %.2f s, p95 %.2f s; under 8-client load p50 %.2f s, p95 %.2f s"
                        + " (p95 %.1fx)%n",
                percentile(unloaded, 50), quiet, percentile(loaded, 50), underLoad, underLoad / quiet);
    }

    private static void cacheHit(int port) throws Exception {
        long seed = 424242;
        generate(port, seed);
        List<Double> hits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hits.add(generate(port, seed));
        }
        System.out.printf(
                "exact-cache hit: p50 %.1f ms, p95 %.1f ms%n",
                percentile(hits, 50) * 1000, percentile(hits, 95) * 1000);
    }

    private static double generate(int port, long seed) throws Exception {
        return generate(port, seed, STEPS);
    }

    private static double generate(int port, long seed, int steps) throws Exception {
        String body = """
                {"prompt": "a red heart", "steps": %d, "seed": %d, "sampler": "Euler a", "cfgScale": 7}""".formatted(steps, seed);
        long start = System.nanoTime();
        String job = post(port, "/api/v1/jobs", body);
        String id = find(ID, job);
        String state = find(STATE, job);
        if (!state.equals("DONE")) {
            awaitOnEvents(port, id);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits as a client would: on the job's event stream, until its terminal event (no polling load). */
    private static void awaitOnEvents(int port, String id) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/jobs/" + id + "/events"))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        try (java.util.stream.Stream<String> lines = stream.body()) {
            String terminal = lines.filter(line -> line.startsWith("event:"))
                    .map(line -> line.substring("event:".length()).strip())
                    .filter(type -> type.equals("done") || type.equals("failed") || type.equals("canceled"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("event stream of " + id + " ended early"));
            if (!terminal.equals("done")) {
                throw new IllegalStateException("job " + id + " ended " + terminal);
            }
        }
    }

    private static String find(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected answer: " + json);
        }
        return matcher.group(1);
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static String post(int port, String path, String body) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String get(int port, String path) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static Process start(Path model, Path data, int port, int maxBatch) throws IOException {
        Path models = Files.createDirectories(data.resolve("models"));
        Files.createSymbolicLink(models.resolve(model.getFileName()), model);
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        "server/target/easel-server.jar",
                        "serve",
                        "--port",
                        Integer.toString(port),
                        "--data",
                        data.toString(),
                        "--models",
                        models.toString(),
                        "--max-batch",
                        Integer.toString(maxBatch))
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile());
        builder.environment().put("EASEL_GENERATION_MAX_JOBS_PER_USER", "64");
        return builder.start();
    }

    private static void awaitUp(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                get(port, "/actuator/health");
                return;
            } catch (Exception notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server did not start");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
