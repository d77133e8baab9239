package dev.easel.server.bench;

import dev.easel.server.EaselServer;
import dev.easel.server.cache.ReadCache;
import dev.easel.server.testing.RedisServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loopback load on the community read endpoints (gallery pages, model lists, post pages, profiles) with a seeded data
 * set of 10k posts, 1k models and 1k users, three times: without a cache, with Caffeine, with Redis (a real
 * redis-server on a free loopback port). The app runs in this JVM on the embedded H2 database; each run is bounded
 * ({@link #REQUESTS} requests or {@link #MAX_TIME}, 127.0.0.1 only) after an unmeasured warm-up.
 *
 * <p>Run from the repository root (docs/benchmarks.md): {@code ./mvnw -q -pl server test-compile
 * org.codehaus.mojo:exec-maven-plugin:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.easel.server.bench.CommunityLoadBenchmark}
 */
public final class CommunityLoadBenchmark {
    static final int USERS = 1_000;
    static final int MODELS = 1_000;
    static final int POSTS = 10_000;
    static final int[] CLIENTS = {4, 16};
    static final int WARM_UP = Integer.getInteger("bench.warm-up", 2_000);
    static final int REQUESTS = Integer.getInteger("bench.requests", 10_000);
    static final Duration MAX_TIME = Duration.ofSeconds(20);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private CommunityLoadBenchmark() {}

    /** The cache configurations compared. */
    enum Mode {
        NO_CACHE,
        CAFFEINE,
        REDIS
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("easel-community-bench");
        System.out.printf(
                "%d users, %d models, %d posts; %s clients, %d warm-up + up to %d requests or %d s per row; %d cores%n",
                USERS,
                MODELS,
                POSTS,
                Arrays.toString(CLIENTS),
                WARM_UP,
                REQUESTS,
                MAX_TIME.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("cache      endpoints        urls  clients  requests  failures    req/s  p50 ms  p99 ms");
        try (RedisServer redis = RedisServer.start()) {
            for (Mode mode : Mode.values()) {
                try (ConfigurableApplicationContext app = start(data, mode, redis.url())) {
                    int port =
                            ((WebServerApplicationContext) app).getWebServer().getPort();
                    CommunitySeed.Seeded seeded =
                            new CommunitySeed().write(app.getBean(DataSource.class), USERS, MODELS, POSTS);
                    if (mode != Mode.NO_CACHE) {
                        cacheAlone(mode, app.getBean(ReadCache.class));
                    }
                    for (Map.Entry<String, List<URI>> group :
                            groups(port, seeded).entrySet()) {
                        measure(mode, group.getKey(), group.getValue());
                    }
                }
            }
        }
    }

    private static void measure(Mode mode, String name, List<URI> urls) throws Exception {
        if (urls.isEmpty()) {
            System.out.printf("%-10s %-15s  (endpoint not available, skipped)%n", mode, name);
            return;
        }
        HttpResponse<String> sample = get(urls.get(urls.size() - 1));
        JsonNode body = JSON.readTree(sample.body());
        System.out.printf(
                "%-10s %-15s  e.g. %s -> %d, %d items, %d bytes%n",
                mode,
                name,
                urls.get(urls.size() - 1).toString().replaceFirst("^http://[^/]+", ""),
                sample.statusCode(),
                body.path("items").size(),
                sample.body().length());
        LoadRun load = new LoadRun(HTTP);
        load.run(urls, CLIENTS[CLIENTS.length - 1], WARM_UP, MAX_TIME);
        for (int clients : CLIENTS) {
            LoadRun.Figures figures = load.run(urls, clients, REQUESTS, MAX_TIME);
            System.out.printf(
                    "%-10s %-15s %5d  %7d  %8d  %8d  %7.0f  %6.2f  %6.2f%n",
                    mode,
                    name,
                    urls.size(),
                    clients,
                    figures.requests(),
                    figures.failures(),
                    figures.perSecond(),
                    figures.p50Millis(),
                    figures.p99Millis());
        }
    }

    /** A card of a list page, the size of a gallery or model-list item. */
    record Card(String id, String title, String owner, Instant createdAt, long likes, List<String> tags) {}

    record CardPage(List<Card> items, String nextCursor) {}

    /** {@code ReadCache.get} hits without HTTP: 40 keys of 24-item pages (about 4 KB of JSON each). */
    private static void cacheAlone(Mode mode, ReadCache cache) throws InterruptedException {
        List<CardPage> pages = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            List<Card> cards = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                cards.add(new Card(
                        "card%018d".formatted(p * 24 + i),
                        "Benchmark card " + i,
                        "bench-%04d".formatted(i),
                        Instant.parse("2026-11-30T12:00:00Z").plusSeconds(i),
                        i * 7L,
                        List.of("portrait", "emoji")));
            }
            pages.add(new CardPage(cards, "cursor-" + p));
        }
        int operations = mode == Mode.CAFFEINE ? 1_000_000 : 50_000;
        long[] latencies = new long[operations];
        AtomicInteger next = new AtomicInteger();
        for (int p = 0; p < pages.size(); p++) {
            CardPage page = pages.get(p);
            cache.get("bench-cards", "p" + p, CardPage.class, () -> page);
        }
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 16; c++) {
                pool.execute(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < operations) {
                        int p = i % pages.size();
                        long begin = System.nanoTime();
                        cache.get("bench-cards", "p" + p, CardPage.class, () -> pages.get(p));
                        latencies[i] = System.nanoTime() - begin;
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(
                "%-10s %-15s %5d  %7d  %8d  %8d  %7.0f  %6.3f  %6.3f%n",
                mode,
                "ReadCache.get",
                pages.size(),
                16,
                operations,
                0,
                operations / seconds,
                latencies[operations / 2] / 1e6,
                latencies[(int) Math.ceil(operations * 0.99) - 1] / 1e6);
    }

    private static ConfigurableApplicationContext start(Path data, Mode mode, String redisUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("easel.data-dir", data.toString());
        properties.put("easel.models-dir", data.resolve("models").toString());
        properties.put("easel.bundled-model", data.resolve("none").toString());
        properties.put("easel.cache.redis-url", mode == Mode.REDIS ? redisUrl : "");
        properties.put("easel.cache.key-prefix", "bench:" + System.nanoTime() + ":");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        SpringApplicationBuilder builder = new SpringApplicationBuilder(EaselServer.class);
        if (mode == Mode.NO_CACHE) {
            // Every read goes to the database: the same endpoints and services, a cache that never keeps anything.
            builder.initializers(context -> ((GenericApplicationContext) context)
                    .registerBean("uncachedReadCache", ReadCache.class, Uncached::new, bean -> bean.setPrimary(true)));
        }
        // As command-line arguments, these take precedence over application.properties.
        return builder.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    /** Request URLs per endpoint family: first pages and deep pages (cursors walked once), per user and per model. */
    private static Map<String, List<URI>> groups(int port, CommunitySeed.Seeded seeded) throws Exception {
        String base = "http://127.0.0.1:" + port;
        Map<String, List<URI>> groups = new LinkedHashMap<>();
        List<URI> gallery = new ArrayList<>();
        if (ok(base + "/api/v1/posts")) {
            gallery.addAll(walk(base + "/api/v1/posts?sort=newest", 10));
            gallery.addAll(walk(base + "/api/v1/posts?sort=liked", 5));
            for (int i = 0; i < 10; i++) {
                gallery.add(URI.create(
                        base + "/api/v1/posts?user=" + seeded.usernames().get(i * 97)));
                gallery.add(URI.create(base + "/api/v1/posts?model="
                        + encode(seeded.modelNames().get(i * 89))));
            }
        }
        groups.put("gallery pages", gallery);
        List<URI> models = new ArrayList<>();
        if (ok(base + "/api/v1/models/browse")) {
            for (String sort : new String[] {"newest", "downloads", "likes", "rating"}) {
                models.addAll(walk(base + "/api/v1/models/browse?sort=" + sort, 3));
            }
            for (String tag : CommunitySeed.TAGS) {
                models.add(URI.create(base + "/api/v1/models/browse?tag=" + tag));
            }
            for (String baseModel : new String[] {"SD_1_5", "SDXL", "LCM"}) {
                models.add(URI.create(base + "/api/v1/models/browse?baseModel=" + baseModel + "&sort=downloads"));
            }
        }
        groups.put("model lists", models);
        List<URI> postPages = new ArrayList<>();
        if (ok(base + "/api/v1/posts/benchpost0000000000000")) {
            for (int i = 0; i < 40; i++) {
                postPages.add(URI.create(base + "/api/v1/posts/benchpost%013d".formatted(i * 241)));
            }
        }
        groups.put("post pages", postPages);
        List<URI> profiles = new ArrayList<>();
        if (ok(base + "/api/v1/users/" + seeded.usernames().get(0))) {
            for (int i = 0; i < 40; i++) {
                profiles.add(
                        URI.create(base + "/api/v1/users/" + seeded.usernames().get(i * 23)));
            }
        }
        groups.put("profiles", profiles);
        return groups;
    }

    /** The first {@code pages} pages of a list, following nextCursor. */
    private static List<URI> walk(String first, int pages) throws Exception {
        List<URI> urls = new ArrayList<>();
        URI url = URI.create(first);
        for (int i = 0; i < pages && url != null; i++) {
            urls.add(url);
            JsonNode page = JSON.readTree(get(url).body());
            JsonNode cursor = page.path("nextCursor");
            url = cursor.isString() ? URI.create(first + "&cursor=" + encode(cursor.asString())) : null;
        }
        return urls;
    }

    private static boolean ok(String url) throws Exception {
        return get(URI.create(url)).statusCode() == 200;
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A read cache that keeps nothing. */
    private static final class Uncached implements ReadCache {
        @Override
        public <T> T get(String region, String key, Class<T> type, Supplier<T> loader) {
            return loader.get();
        }

        @Override
        public void evict(String region, String key) {}

        @Override
        public void evictRegion(String region) {}
    }
}
