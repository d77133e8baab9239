package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With anonymous use turned off, on PostgreSQL: every API call but registration and the API document needs a key. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "easel.auth.allow-anonymous=false",
            "easel.auth.admin-api-key=" + ApiAuthenticationWithoutAnonymousTest.ADMIN_KEY
        })
@DirtiesContext
class ApiAuthenticationWithoutAnonymousTest {
    static final String ADMIN_KEY = "another-operator-secret-77";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", TestDatabases::freshPostgresUrl);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    @Test
    void theOperatorAccountExistsFromStartup() {
        // No test in this class uses the operator key, so only startup can have made the account.
        assertThat(users.findByUsername(UserService.ADMIN))
                .get()
                .extracting(UserAccount::role)
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void aCallWithoutAKeyIsRefused() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(401);
        assertThat(error.get("message").asString()).isEqualTo(ApiAuthenticationEntryPoint.MISSING_KEY);
        assertThat(send("POST", "/sdapi/v1/txt2img", "{}").statusCode()).isEqualTo(401);
        assertThat(users.findByUsername(UserService.ANONYMOUS)).isEmpty();
    }

    @Test
    void theOpenAiPathsSayTheKeyIsMissingInOpenAisShape() throws Exception {
        HttpResponse<String> response = send("GET", "/v1/models", null);

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("message").asString()).isEqualTo(ApiAuthenticationEntryPoint.MISSING_KEY);
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").isNull()).isTrue();
    }

    @Test
    void registrationAndTheApiDocumentNeedNoKey() throws Exception {
        HttpResponse<String> registered =
                send("POST", "/api/v1/users", "{\"username\": \"dora\", \"password\": \"password-123\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(send("GET", "/api/v1/openapi.json", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void imageFilesDecideThemselvesWhoSeesThem() throws Exception {
        // Signed-out visitors may see public posts' images and signed links; anything else is 404, never 401.
        assertThat(send("GET", "/api/v1/images/" + "0".repeat(64) + ".png", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/images/aaaaaaaaaaaaaaaaaaaaaa/file", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/jobs", null).statusCode()).isEqualTo(401);
    }

    @Test
    void keysStillWork() throws Exception {
        UserAccount erin = users.create(new NewUser("erin", "Erin", null));
        String secret = keys.create(erin, "laptop").secret();

        HttpResponse<String> me = send("GET", "/api/v1/me", null, "Authorization", "Bearer " + secret);

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("username").asString()).isEqualTo("erin");
    }

    @Test
    void aSignedInSessionIsEnoughAndASuspendedKeyGetsOpenAisShape() throws Exception {
        UserAccount fay = users.create(new NewUser("fay", "Fay", "password-123"));
        String secret = keys.create(fay, "laptop").secret();
        ApiClient browser = ApiClient.browser(port);

        ApiClient.Response signIn =
                browser.post("/api/v1/session", "{\"username\": \"fay\", \"password\": \"password-123\"}");

        assertThat(signIn.status()).isEqualTo(200);
        assertThat(browser.get("/api/v1/me").json().get("username").asString()).isEqualTo("fay");
        assertThat(browser.get("/v1/models").status()).isEqualTo(200);
        users.setSuspended(fay.id(), true);
        HttpResponse<String> suspended = send("GET", "/v1/models", null, "Authorization", "Bearer " + secret);
        assertThat(suspended.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(suspended.body()).get("error");
        assertThat(error.get("message").asString()).isEqualTo("account suspended");
        assertThat(error.get("code").asString()).isEqualTo("account_suspended");
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(403);
        // Once the session has been ended, the browser is simply not signed in.
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(401);
    }
}
