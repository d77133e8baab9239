package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.accounts.ApiKeyService;
import dev.easel.server.accounts.NewUser;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.testing.ApiClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who A1111's options call changes the default model for: admins the server's, other users their own, and the shared
 * anonymous account nobody's.
 */
class DefaultModelOptionsTest extends CompatServerTest {
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String REQUEST = "{\"prompt\": \"x\", \"steps\": 1, \"width\": 16, \"height\": 16}";

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    private ApiClient newUser() {
        UserAccount user = users.create(new NewUser("options-" + USERS.incrementAndGet(), null, "password-123"));
        return new ApiClient(port, keys.create(user, "test").secret());
    }

    private static String checkpoint(ApiClient client) {
        return ok(client.get("/sdapi/v1/options")).path("sd_model_checkpoint").asString();
    }

    private static String modelOfKeylessRun(ApiClient client) {
        return info(ok(client.post("/sdapi/v1/txt2img", REQUEST)))
                .path("sd_model_name")
                .asString();
    }

    @Test
    void theAnonymousAccountCannotChangeTheServersDefault() {
        A1111ErrorsTest.assertA1111Error(
                anonymous.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"beta\"}"), 403, "API key");

        assertThat(checkpoint(anonymous)).startsWith("alpha [");
        assertThat(checkpoint(admin)).startsWith("alpha [");
        assertThat(modelOfKeylessRun(anonymous)).isEqualTo("alpha");
        // Clients that post back the options they read (the current default) or other options keep working.
        assertThat(ok(anonymous.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"alpha\"}"))
                        .isNull())
                .isTrue();
        assertThat(anonymous
                        .post("/sdapi/v1/options", "{\"samples_format\": \"png\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aUsersOptionsCallChangesOnlyTheirOwnDefault() {
        ApiClient ann = newUser();
        ApiClient bob = newUser();

        assertThat(ok(ann.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"beta\"}"))
                        .isNull())
                .isTrue();

        assertThat(checkpoint(ann)).startsWith("beta [");
        assertThat(modelOfKeylessRun(ann)).isEqualTo("beta");
        assertThat(checkpoint(bob)).startsWith("alpha [");
        assertThat(modelOfKeylessRun(bob)).isEqualTo("alpha");
        assertThat(checkpoint(anonymous)).startsWith("alpha [");
        assertThat(modelOfKeylessRun(anonymous)).isEqualTo("alpha");
        // The native API's default stays the server's.
        assertThat(ok(bob.get("/api/v1/models")).findValues("isDefault").stream()
                        .filter(v -> v.asBoolean())
                        .count())
                .isEqualTo(1);

        // Naming a model pins it, even the server's current default.
        ok(ann.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"alpha\"}"));
        assertThat(checkpoint(ann)).startsWith("alpha [");
    }

    @Test
    void anAdminsOptionsCallChangesTheServersDefaultButNotAUsersOwn() {
        ApiClient ann = newUser();
        ApiClient bob = newUser();
        ok(ann.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"alpha\"}"));
        try {
            ok(admin.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"beta\"}"));

            assertThat(checkpoint(admin)).startsWith("beta [");
            assertThat(checkpoint(bob)).startsWith("beta [");
            assertThat(modelOfKeylessRun(anonymous)).isEqualTo("beta");
            assertThat(checkpoint(ann)).startsWith("alpha [");
            assertThat(modelOfKeylessRun(ann)).isEqualTo("alpha");
        } finally {
            ok(admin.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"alpha\"}"));
        }
    }
}
