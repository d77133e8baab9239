package dev.easel.server.testing;

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
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The running server for the community API tests (gallery, social): embedded defaults, a tiny model to publish
 * generations from, an operator admin key (so every user the tests register is a plain USER), and the statement
 * counter. Test classes extending it share one application context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"easel.auth.admin-api-key=" + CommunityApp.ADMIN_KEY, "easel.gallery.max-image-bytes=200000"})
@Import({StatementCounter.class, ContentEvents.class})
public abstract class CommunityApp {
    public static final String ADMIN_KEY = "community-operator-key-for-tests";
    public static final int MAX_IMAGE_BYTES = 200_000;
    static final Path ROOT = tempDir();
    private static final AtomicInteger USERS = new AtomicInteger();

    static {
        TinyModels.write(ROOT.resolve("models/tiny"), TinyModelSpec.defaults());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected UserService users;

    @Autowired
    protected ApiKeyService keys;

    @Autowired
    protected StatementCounter statements;

    @Autowired
    protected ContentEvents contentEvents;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
    }

    /** A registered user and an API client acting as them. */
    public record Member(UserAccount account, ApiClient api) {
        public String username() {
            return account.username();
        }
    }

    protected Member member() {
        UserAccount user = users.create(new NewUser("member-" + USERS.incrementAndGet(), null, "password-123"));
        return new Member(user, new ApiClient(port, keys.create(user, "tests").secret()));
    }

    protected ApiClient anonymous() {
        return new ApiClient(port, null);
    }

    protected ApiClient admin() {
        return new ApiClient(port, ADMIN_KEY);
    }

    /** A finished job of {@code member} with {@code count} images of 32x32 after 2 steps. */
    protected JsonNode finishedJob(Member member, String prompt, int count) {
        ApiClient.Response submitted = member.api().post("/api/v1/jobs", """
                        {"prompt": "%s", "negativePrompt": "blurry", "width": 32, "height": 32, "steps": 2,
                         "seed": 7, "sampler": "Euler a", "cfgScale": 6.5, "n": %d}""".formatted(prompt, count));
        if (submitted.status() != 202) {
            throw new AssertionError("job not accepted: " + submitted.body());
        }
        JsonNode job = member.api().awaitJob(submitted.json().path("id").asString(), Duration.ofSeconds(60));
        if (!job.path("state").asString().equals("DONE")) {
            throw new AssertionError("job did not finish: " + job);
        }
        return job;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-community");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
