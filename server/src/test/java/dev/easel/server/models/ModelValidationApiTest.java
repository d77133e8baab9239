package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.accounts.ApiKeyService;
import dev.easel.server.accounts.NewUser;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The engine check of model uploads over real HTTP: at most one runs at once (others wait briefly, then get 429), and
 * whatever the load throws, even an {@link Error}, the request is answered and its working folder removed. The
 * engine's loader is wrapped so that a marker file in the zip makes it throw or wait: no real model input is known to
 * make the engine throw an Error.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"easel.models.max-concurrent-validations=1", "easel.models.validation-wait=300ms"})
@Import(ModelValidationApiTest.MarkedLoads.class)
class ModelValidationApiTest {
    static final Path ROOT = tempDir();
    static final Path TINY = TinyModels.write(ROOT.resolve("source/tiny"), TinyModelSpec.defaults());
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final CountDownLatch LOADING = new CountDownLatch(1);
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** The real loader, except for zips holding {@code stack-overflow} or {@code hold} at their root. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MarkedLoads {
        @Bean
        @Primary
        ModelValidator markedValidator(ModelProperties properties) {
            return new ModelValidator(properties) {
                @Override
                void load(Path folder) {
                    if (Files.exists(folder.resolve("stack-overflow"))) {
                        throw new StackOverflowError();
                    }
                    if (Files.exists(folder.resolve("hold"))) {
                        LOADING.countDown();
                        await(RELEASE);
                    }
                    super.load(folder);
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
    }

    @Test
    void anErrorWhileLoadingIsAnsweredAndLeavesNoWorkFolder() {
        ModelHttp uploader = uploader();
        long versions = rows();
        ModelHttp.Response refused = CompletableFuture.supplyAsync(
                        () -> uploader.post("/api/v1/models", form("Overflowing", zipWith("stack-overflow"))))
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("field").asString()).isEqualTo("file");
        assertThat(refused.json().path("message").asString()).contains("too deeply nested");
        assertThat(workFolders()).isEmpty();
        assertThat(rows()).isEqualTo(versions);
    }

    @Test
    void uploadsBeyondTheValidationLimitGet429AfterAShortWait() throws Exception {
        ModelHttp first = uploader();
        ModelHttp second = uploader();
        CompletableFuture<ModelHttp.Response> held =
                CompletableFuture.supplyAsync(() -> first.post("/api/v1/models", form("Held", zipWith("hold"))));
        assertThat(LOADING.await(60, TimeUnit.SECONDS)).isTrue();
        try {
            ModelHttp.Response busy = second.post("/api/v1/models", form("Waiting", zipWith("other")));
            assertThat(busy.status()).as(busy.body()).isEqualTo(429);
            assertThat(busy.header("Retry-After")).isNotBlank();
            assertThat(busy.json().path("message").asString()).contains("model uploads are being checked");
        } finally {
            RELEASE.countDown();
        }
        ModelHttp.Response created = held.get(60, TimeUnit.SECONDS);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(workFolders()).isEmpty();
    }

    private ModelHttp uploader() {
        UserAccount user = users.create(new NewUser("validator-" + USERS.incrementAndGet(), null, "password-123"));
        return new ModelHttp(port, keys.create(user, "test").secret());
    }

    private static byte[] zipWith(String marker) {
        Map<String, byte[]> entries = new LinkedHashMap<>(TestZips.files(TINY));
        entries.put(marker, new byte[] {1});
        return TestZips.zip(entries);
    }

    private static ModelHttp.Form form(String name, byte[] zip) {
        return new ModelHttp.Form()
                .field("name", name)
                .field("type", "Checkpoint")
                .field("baseModel", "SD 1.5")
                .field("versionName", "v1")
                .file("file", "model.zip", "application/zip", zip);
    }

    private long rows() {
        return jdbc.sql("select count(*) from model_versions").query(Long.class).single();
    }

    private static List<Path> workFolders() {
        Path uploads = ROOT.resolve("data/model-uploads");
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(uploads)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-validation-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
