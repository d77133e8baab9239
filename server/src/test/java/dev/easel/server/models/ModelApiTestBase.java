package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.accounts.ApiKeyService;
import dev.easel.server.accounts.NewUser;
import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.testing.ContentEvents;
import dev.easel.server.testing.StatementCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One running server (real HTTP, embedded H2) shared by the model API tests, with small upload limits so the limit
 * tests stay small: 40 entries, 4 MiB unpacked, 6 MiB per upload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({StatementCounter.class, ContentEvents.class})
abstract class ModelApiTestBase {
    static final Path ROOT = tempDir();
    static final Path TINY = TinyModels.write(ROOT.resolve("source/tiny"), TinyModelSpec.defaults());
    static final long MAX_UNPACKED = 4L << 20;
    static final long MAX_UPLOAD = 6L << 20;
    static final int MAX_ENTRIES = 40;
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicLong UNIQUE_SEEDS =
            new java.util.concurrent.atomic.AtomicLong(1000);

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StatementCounter statements;

    @Autowired
    ContentEvents contentEvents;

    ModelHttp anonymous;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.models.max-entries", () -> MAX_ENTRIES);
        registry.add("easel.models.max-unpacked-bytes", () -> MAX_UNPACKED);
        registry.add("easel.models.max-upload-bytes", () -> MAX_UPLOAD);
    }

    @BeforeEach
    void anonymousClient() {
        anonymous = new ModelHttp(port, null);
    }

    /** A caller with a new account and API key. */
    record Caller(UserAccount user, ModelHttp http) {}

    private static Caller admin;

    /** The admin, made as the operator's setup token makes one. */
    Caller admin() {
        synchronized (ModelApiTestBase.class) {
            if (admin == null) {
                UserAccount user = users.create(new NewUser("model-admin", null, "password-123"), Role.ADMIN);
                assertThat(user.isAdmin()).isTrue();
                admin = new Caller(
                        user, new ModelHttp(port, keys.create(user, "test").secret()));
            }
            return admin;
        }
    }

    Caller newUser() {
        UserAccount user = users.create(new NewUser("modeler-" + USERS.incrementAndGet(), null, "password-123"));
        return new Caller(user, new ModelHttp(port, keys.create(user, "test").secret()));
    }

    static byte[] tinyZip() {
        return TestZips.zip(TINY, "tiny/");
    }

    /** The upload form with every field valid; tests change one. */
    static ModelHttp.Form form(String name, byte[] zip) {
        return new ModelHttp.Form()
                .field("name", name)
                .field("description", "A tiny <b>test</b> model")
                .field("type", "Checkpoint")
                .field("baseModel", "SD 1.5")
                .field("versionName", "v1.0")
                .field("allowCommercialUse", "true")
                .field("allowDerivatives", "false")
                .field("tags", "tiny,test")
                .field("trainedWords", "emoji style")
                .file("file", "model.zip", "application/zip", zip);
    }

    /** A zip of a tiny model whose weights no other test shares. */
    static byte[] uniqueZip() {
        long seed = UNIQUE_SEEDS.incrementAndGet();
        Path folder = TinyModels.write(
                ROOT.resolve("source/unique-" + seed), TinyModelSpec.defaults().withWeightSeed(seed));
        return TestZips.zip(folder, "");
    }

    /** Uploads a valid tiny model; returns the created model page. */
    JsonNode upload(Caller owner, String name, String... tags) {
        return upload(owner, name, tinyZip(), tags);
    }

    JsonNode upload(Caller owner, String name, byte[] zip, String... tags) {
        ModelHttp.Form form = new ModelHttp.Form()
                .field("name", name)
                .field("type", "Checkpoint")
                .field("baseModel", "SD 1.5")
                .field("versionName", "v1")
                .field("trainedWords", "tiny style")
                .field("tags", String.join(",", tags))
                .file("file", "model.zip", "application/zip", zip);
        ModelHttp.Response created = owner.http().post("/api/v1/models", form);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** Uploads and publishes; returns the published version. */
    JsonNode uploadPublished(Caller owner, String name, String... tags) {
        JsonNode model = upload(owner, name, tags);
        String id = model.path("model").path("id").asString();
        String version = model.path("versions").path(0).path("id").asString();
        ModelHttp.Response published = owner.http().post(versionPath(id, version) + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return published.json();
    }

    static String versionPath(String modelId, String versionId) {
        return "/api/v1/models/" + modelId + "/versions/" + versionId;
    }

    /** Files in the content-addressed store and in upload working folders. */
    static List<Path> storedFiles() {
        return Stream.of("model-files", "model-uploads")
                .map(d -> ROOT.resolve("data").resolve(d))
                .filter(Files::isDirectory)
                .flatMap(ModelApiTestBase::walk)
                .filter(Files::isRegularFile)
                .toList();
    }

    long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-models-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
