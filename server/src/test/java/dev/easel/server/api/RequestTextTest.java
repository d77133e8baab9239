package dev.easel.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.accounts.ApiKeyService;
import dev.easel.server.accounts.NewUser;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Text the database cannot store or that is not text (NUL and other C0 controls but tab, CR and LF; unpaired UTF-16
 * surrogates; invalid UTF-8) is refused at the door with 400 naming the field, in JSON bodies, query parameters and
 * form fields, whatever the database. Subclasses pick the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RequestTextTest {
    static final Path ROOT = tempDir();
    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    static void common(DynamicPropertyRegistry registry, String name) {
        Path root = ROOT.resolve(name);
        TinyModels.write(root.resolve("models/tiny"), TinyModelSpec.defaults());
        registry.add("easel.data-dir", () -> root.resolve("data").toString());
        registry.add("easel.models-dir", () -> root.resolve("models").toString());
        registry.add("easel.bundled-model", () -> root.resolve("none").toString());
        registry.add("easel.auth.admin-api-key", () -> "operator-key-for-request-text-tests");
    }

    private ApiClient member() {
        UserAccount user = users.create(new NewUser("texter-" + USERS.incrementAndGet(), null, "password-123"));
        return new ApiClient(port, keys.create(user, "tests").secret());
    }

    @Test
    void controlCharactersAndLoneSurrogatesInJsonAre400NamingTheField() {
        ApiClient member = member();
        assertRefused(member.patch("/api/v1/me", "{\"bio\": \"hello\\u0000world\"}"), "bio");
        assertRefused(member.patch("/api/v1/me", "{\"displayName\": \"bell\\u0007\"}"), "displayName");
        assertRefused(member.patch("/api/v1/me", "{\"bio\": \"half \\ud83d pair\"}"), "bio");
        assertThat(member.get("/api/v1/me").status()).isEqualTo(200);

        ApiClient.Response fine =
                member.patch("/api/v1/me", "{\"bio\": \"two\\nlines\\tand a tab\\r\\n \\ud83d\\ude00\"}");
        assertThat(fine.status()).as(fine.body()).isEqualTo(200);
        assertThat(fine.json().path("bio").asString()).isEqualTo("two\nlines\tand a tab\r\n \uD83D\uDE00");

        assertRefused(member.post("/api/v1/jobs", "{\"prompt\": \"a cat\\u0000\"}"), "prompt");
        assertRefused(
                member.post("/api/v1/users", "{\"username\": \"nul\\u0000\", \"password\": \"password-123\"}"),
                "username");
        assertRefused(member.post("/api/v1/comments/post/anything", "{\"body\": \"\\u001b[31m\"}"), "body");
    }

    @Test
    void compatibilityApisRefuseControlCharactersInTheirOwnWords() {
        ApiClient member = member();
        ApiClient.Response a1111 = member.post("/sdapi/v1/txt2img", "{\"prompt\": \"a cat\\u0000\"}");
        assertThat(a1111.status()).as(a1111.body()).isEqualTo(400);
        assertThat(a1111.json().path("detail").asString()).contains("prompt").contains("U+0000");

        ApiClient.Response openAi =
                member.post("/v1/images/generations", "{\"prompt\": \"a cat\", \"user\": \"x\\udc00\"}");
        assertThat(openAi.status()).as(openAi.body()).isEqualTo(400);
        assertThat(openAi.json().path("error").path("param").asString()).isEqualTo("user");
    }

    @Test
    void queryAndFormParametersAreCheckedToo() {
        ApiClient member = member();
        assertRefused(member.get("/api/v1/posts?model=a%00b"), "model");
        assertRefused(member.get("/api/v1/posts?model=%C3%28"), "model");
        assertRefused(
                member.multipart(
                        "/api/v1/models",
                        List.of(
                                ApiClient.Part.field("name", "bad\u0000name"),
                                ApiClient.Part.field("type", "CHECKPOINT"))),
                "name");
    }

    private static void assertRefused(ApiClient.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("field").asString()).isEqualTo(field);
        assertThat(response.json().path("message").asString()).contains(field);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-request-text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
