package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.ApiClient.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Metrics are the operator's: an admin key or an admin's session; health stays open for probes. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "easel.auth.admin-api-key=" + ActuatorAccessTest.ADMIN_KEY)
@DirtiesContext
class ActuatorAccessTest {
    static final String ADMIN_KEY = "actuator-test-admin-key-0123";
    private static final String PASSWORD = "password-123";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    private ApiClient signedIn(UserAccount user) {
        ApiClient browser = ApiClient.browser(port);
        Response signIn = browser.post(
                "/api/v1/session",
                ApiClient.JSON.writeValueAsString(Map.of("username", user.username(), "password", PASSWORD)));
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        return browser;
    }

    @Test
    void metricsNeedAnAdminKeyOrAnAdminSession() {
        UserAccount ann = users.create(new NewUser("metrics-ann", null, PASSWORD));
        UserAccount boss = users.create(new NewUser("metrics-boss", null, PASSWORD), Role.ADMIN);
        ApiClient nobody = new ApiClient(port, null);
        ApiClient user = new ApiClient(port, keys.create(ann, "test").secret());
        ApiClient admin = new ApiClient(port, ADMIN_KEY);

        for (String path :
                new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.threads.live"}) {
            Response anonymous = nobody.get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(user.get(path).status()).as(path).isEqualTo(403);
            assertThat(signedIn(ann).get(path).status()).as(path).isEqualTo(403);
            assertThat(new ApiClient(port, "easel_wrong").get(path).status())
                    .as(path)
                    .isEqualTo(401);
            assertThat(admin.get(path).status()).as(path).isEqualTo(200);
            assertThat(signedIn(boss).get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(admin.get("/actuator/prometheus").body()).contains("easel_queue_depth");
    }

    @Test
    void healthStaysOpen() {
        assertThat(new ApiClient(port, null).get("/actuator/health").status()).isEqualTo(200);
        assertThat(new ApiClient(port, null).get("/actuator/health/liveness").status())
                .isEqualTo(200);
    }
}
