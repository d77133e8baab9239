package dev.easel.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded closed-loop load: {@code clients} virtual threads send GETs round-robin over the URLs, one after another,
 * until {@code requests} were sent or {@code maxTime} passed. Records every latency.
 */
final class LoadRun {
    /** Figures of one run. */
    record Figures(int requests, int failures, double seconds, double p50Millis, double p99Millis) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private final HttpClient http;

    LoadRun(HttpClient http) {
        this.http = http;
    }

    Figures run(List<URI> urls, int clients, int requests, Duration maxTime) throws InterruptedException {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                        HttpRequest request = HttpRequest.newBuilder(urls.get(i % urls.size()))
                                .build();
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (java.io.IOException e) {
                            failures.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        latencies[i] = System.nanoTime() - sent;
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = Math.min(next.get(), requests);
        long[] measured =
                Arrays.stream(latencies, 0, done).filter(l -> l > 0).sorted().toArray();
        return new Figures(
                measured.length, failures.get(), seconds, percentile(measured, 50), percentile(measured, 99));
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
