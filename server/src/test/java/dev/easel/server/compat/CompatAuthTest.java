package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.accounts.ApiKeyService;
import dev.easel.server.accounts.NewUser;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With keys required: the server-wide default model is the admins' to change; keys are checked on both APIs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CompatAuthTest {
    static final Path DATA = dataDir();

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", DATA::toString);
        // The tiny models of the shared fixture, read only.
        registry.add(
                "easel.models-dir", () -> CompatServerTest.ALPHA.getParent().toString());
        registry.add("easel.bundled-model", () -> DATA.resolve("none").toString());
        registry.add("easel.auth.admin-api-key", () -> CompatServerTest.ADMIN_KEY);
        registry.add("easel.auth.allow-anonymous", () -> "false");
    }

    @Test
    void onlyAdminsSwitchTheServersDefaultModelWhileAUsersSwitchIsTheirOwn() {
        UserAccount ann = users.create(new NewUser("ann", "Ann", "ann-password-1"));
        ApiClient user = new ApiClient(port, keys.create(ann, "test").secret());
        ApiClient admin = new ApiClient(port, CompatServerTest.ADMIN_KEY);
        String switchToBeta = "{\"sd_model_checkpoint\": \"beta\"}";

        assertThat(user.post("/sdapi/v1/options", switchToBeta).status()).isEqualTo(200);
        assertThat(checkpoint(user)).startsWith("beta [");
        assertThat(checkpoint(admin)).startsWith("alpha [");
        // Users can still pick a model for one request.
        ApiClient.Response own = user.post("/sdapi/v1/txt2img", """
                {"prompt": "x", "steps": 1, "width": 16, "height": 16,
                 "override_settings": {"sd_model_checkpoint": "alpha"}}""");
        assertThat(own.status()).as(own.body()).isEqualTo(200);

        UserAccount bob = users.create(new NewUser("bob", "Bob", "bob-password-1"));
        ApiClient other = new ApiClient(port, keys.create(bob, "test").secret());
        assertThat(admin.post("/sdapi/v1/options", switchToBeta).status()).isEqualTo(200);
        assertThat(checkpoint(other)).startsWith("beta [");
        assertThat(admin.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"alpha\"}")
                        .status())
                .isEqualTo(200);
        assertThat(checkpoint(other)).startsWith("alpha [");
        assertThat(checkpoint(user)).startsWith("beta [");
    }

    @Test
    void callsWithoutAValidKeyAre401() {
        ApiClient nobody = new ApiClient(port, null);
        assertThat(nobody.post("/sdapi/v1/txt2img", "{\"prompt\": \"x\"}").status())
                .isEqualTo(401);
        assertThat(nobody.get("/sdapi/v1/progress").status()).isEqualTo(401);

        // An empty Basic credential (Open WebUI with no auth set) is no credential: 401 where keys are required.
        assertThat(nobody.send("GET", "/sdapi/v1/sd-models", null, null, "Authorization", "Basic ")
                        .status())
                .isEqualTo(401);

        ApiClient.Response wrongKey =
                new ApiClient(port, "not-a-key").post("/v1/images/generations", "{\"prompt\": \"x\"}");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.json().path("error").path("code").asString()).isEqualTo("invalid_api_key");
        assertThat(wrongKey.json().path("error").path("type").asString()).isEqualTo("invalid_request_error");
    }

    private static String checkpoint(ApiClient client) {
        return client.get("/sdapi/v1/options")
                .json()
                .path("sd_model_checkpoint")
                .asString();
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory("easel-compat-auth");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
