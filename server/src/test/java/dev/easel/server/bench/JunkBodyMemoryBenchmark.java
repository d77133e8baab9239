package dev.easel.server.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The memory check of the hardening work: 16 anonymous clients at once each send a 60 MB JSON body of many small
 * objects (the shape that costs a parser the most) to the OpenAI generation endpoint and to a community endpoint,
 * with and without a declared length (chunked); the server's resident memory must stay within 256 MB of its idle
 * figure. Prints RSS before, at its peak (sampled every 50 ms from /proc) and after, with the answers' statuses.
 * Bounded: 16 clients, 2 rounds per body kind, only 127.0.0.1.
 *
 * <p>Run from the repository root after building the server jar: {@code ./mvnw -q package -DskipTests && java
 * server/src/test/java/dev/easel/server/bench/JunkBodyMemoryBenchmark.java}.
 */
public final class JunkBodyMemoryBenchmark {
    private static final int CLIENTS = 16;
    private static final int BODY_BYTES = 60 << 20;
    private static final long ALLOWED_GROWTH = 256L << 20;

    private JunkBodyMemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("easel-junk");
        int port = freePort();
        Process server = start(data, port);
        try {
            awaitUp(port);
            // Warm up the paths (class loading, JIT) with small requests so idle RSS is a fair baseline.
            for (int i = 0; i < 20; i++) {
                send(port, "/v1/images/generations", "{}".getBytes(StandardCharsets.US_ASCII), false);
            }
            System.gc();
            Thread.sleep(2000);
            long idle = rss(server.pid());
            System.out.printf(Locale.ROOT, "idle RSS %d MB%n", idle >> 20);
            byte[] junk = junk();
            long worst = 0;
            for (String path : List.of(
                    "/v1/images/generations", "/sdapi/v1/txt2img", "/api/v1/jobs", "/api/v1/posts", "/api/v1/users")) {
                for (boolean chunked : new boolean[] {false, true}) {
                    long peak = burst(server.pid(), port, path, junk, chunked);
                    worst = Math.max(worst, peak);
                    System.out.printf(
                            Locale.ROOT,
                            "%-24s %-8s peak RSS %d MB (+%d MB over idle)%n",
                            path,
                            chunked ? "chunked" : "length",
                            peak >> 20,
                            (peak - idle) >> 20);
                }
            }
            long growth = worst - idle;
            System.out.printf(
                    Locale.ROOT,
                    "largest growth %d MB, limit %d MB: %s%n",
                    growth >> 20,
                    ALLOWED_GROWTH >> 20,
                    growth <= ALLOWED_GROWTH ? "met" : "NOT met");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** 16 clients at once, two rounds; returns the peak RSS seen while they ran. */
    private static long burst(long pid, int port, String path, byte[] body, boolean chunked) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long peak = rss(pid);
        try {
            for (int round = 0; round < 2; round++) {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    answers.add(clients.submit(() -> send(port, path, body, chunked)));
                }
                while (!answers.stream().allMatch(Future::isDone)) {
                    peak = Math.max(peak, rss(pid));
                    Thread.sleep(50);
                }
                List<String> statuses = new ArrayList<>();
                for (Future<String> answer : answers) {
                    statuses.add(answer.get());
                }
                System.out.println("  " + path + " round " + round + ": " + statuses);
            }
        } finally {
            clients.shutdownNow();
        }
        return peak;
    }

    private static byte[] junk() {
        byte[] body = new byte[BODY_BYTES];
        byte[] item = "{\"a\":1},".getBytes(StandardCharsets.US_ASCII);
        body[0] = '[';
        int i = 1;
        for (; i + item.length < body.length - 1; i += item.length) {
            System.arraycopy(item, 0, body, i, item.length);
        }
        body[i - 1] = ']';
        for (; i < body.length; i++) {
            body[i] = ' ';
        }
        return body;
    }

    /** The status line of the answer, or what went wrong (the server may close after refusing). */
    private static String send(int port, String path, byte[] body, boolean chunked) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n\r\n" : "Content-Length: " + body.length + "\r\n\r\n");
            try {
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                for (int offset = 0; offset < body.length; offset += 1 << 16) {
                    int length = Math.min(1 << 16, body.length - offset);
                    if (chunked) {
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(body, offset, length);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException refusedEarly) {
                // read the answer the server sent before closing
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf('\r');
            return end > 0 ? answer.substring(9, Math.min(12, end)) : "closed";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static Process start(Path data, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        "server/target/easel-server.jar",
                        "serve",
                        "--port",
                        Integer.toString(port),
                        "--data",
                        data.toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile());
        return builder.start();
    }

    private static void awaitUp(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String answer = send(port, "/actuator/health", new byte[0], false);
            if (!answer.equals("closed") && !answer.startsWith("Connect")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server did not start");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
