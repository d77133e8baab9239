package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
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

/** API authentication over real HTTP on the embedded default: keys, anonymous use and the operator key. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "easel.auth.admin-api-key=" + ApiAuthenticationTest.ADMIN_KEY)
@DirtiesContext
class ApiAuthenticationTest {
    static final String ADMIN_KEY = "operator-secret-for-tests-42";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger USERS = new AtomicInteger();

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

    private final HttpClient http = HttpClient.newHttpClient();

    /** A new user with one key made directly through the service: the way in before any key exists. */
    private record Caller(UserAccount user, String secret, long keyId) {}

    private Caller newCaller() {
        UserAccount user = users.create(new NewUser("user-" + USERS.incrementAndGet(), null, "password-123"));
        CreatedApiKey key = keys.create(user, "first");
        return new Caller(user, key.secret(), key.key().id());
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String bearer(String secret) {
        return "Bearer " + secret;
    }

    @Test
    void aCallWithoutAKeyRunsAsTheAnonymousUser() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/me", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = json(response);
        assertThat(me.get("username").asString()).isEqualTo("anonymous");
        assertThat(me.get("role").asString()).isEqualTo("USER");
        assertThat(me.get("anonymous").asBoolean()).isTrue();
        assertThat(me.get("id").asLong()).isEqualTo(users.anonymous().id());
        // Stateless: no session is created for API calls.
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aKeyCreatedOverHttpAuthenticatesThroughBothHeaders() throws Exception {
        Caller caller = newCaller();

        HttpResponse<String> created =
                send("POST", "/api/v1/keys", "{\"name\": \"desktop\"}", "Authorization", bearer(caller.secret()));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = json(created);
        String secret = key.get("secret").asString();
        assertThat(secret)
                .matches("easel_[A-Za-z0-9_-]{32}")
                .startsWith(key.get("prefix").asString());
        assertThat(key.get("name").asString()).isEqualTo("desktop");
        assertThat(key.get("createdAt").asString()).isNotBlank();
        assertThat(created.headers().firstValue("Location"))
                .contains("/api/v1/keys/" + key.get("id").asLong());

        for (String[] header : new String[][] {{"Authorization", bearer(secret)}, {"X-API-Key", secret}}) {
            HttpResponse<String> me = send("GET", "/api/v1/me", null, header);
            assertThat(me.statusCode()).as(header[0]).isEqualTo(200);
            assertThat(json(me).get("username").asString())
                    .isEqualTo(caller.user().username());
            assertThat(json(me).get("anonymous").asBoolean()).isFalse();
        }
        // The scheme is case-insensitive, as HTTP defines it.
        assertThat(send("GET", "/api/v1/me", null, "Authorization", "bearer " + secret)
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> listed = send("GET", "/api/v1/keys", null, "X-API-Key", secret);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed).valueStream().map(k -> k.get("name").asString()))
                .containsExactlyInAnyOrder("desktop", "first");
        assertThat(listed.body()).doesNotContain(secret).doesNotContain(caller.secret());
    }

    @Test
    void aWrongKeyIsRefusedWithJsonEvenThoughAnonymousUseIsAllowed() throws Exception {
        String wrong = "easel_" + "x".repeat(32);
        for (String path : new String[] {"/api/v1/me", "/sdapi/v1/txt2img"}) {
            for (String[] header : new String[][] {
                {"Authorization", bearer(wrong)}, {"X-API-Key", wrong}, {"Authorization", "Basic dXNlcjpwYXNz"}
            }) {
                HttpResponse<String> response = send("GET", path, null, header);
                assertThat(response.statusCode()).as(path + " " + header[0]).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                assertThat(response.headers().firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
                JsonNode error = json(response);
                assertThat(error.get("status").asInt()).isEqualTo(401);
                assertThat(error.get("error").asString()).isEqualTo("Unauthorized");
                assertThat(error.get("message").asString()).containsIgnoringCase("API key");
            }
        }
    }

    @Test
    void basicCredentialsCarryTheKeyAsThePasswordAndTheUserNameIsIgnored() throws Exception {
        Caller caller = newCaller();
        String secret = caller.secret();
        // A1111's --api-auth style (Open WebUI, SillyTavern): any user name, the key as password; or the key alone.
        for (String credentials : new String[] {"open-webui:" + secret, ":" + secret, secret, secret + ":"}) {
            HttpResponse<String> me = send("GET", "/api/v1/me", null, "Authorization", basic(credentials));
            assertThat(me.statusCode()).as(credentials).isEqualTo(200);
            assertThat(json(me).get("username").asString())
                    .isEqualTo(caller.user().username());
        }
        assertThat(send("GET", "/api/v1/me", null, "Authorization", basic("open-webui:easel_" + "y".repeat(32)))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/v1/me", null, "Authorization", "Basic not*base64")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anEmptyCredentialCountsAsNoneAndRunsAsAnonymous() throws Exception {
        // What Open WebUI sends with no auth set ("Basic " + base64 of ""), and OpenAI clients with an empty key.
        for (String authorization : new String[] {"Basic ", "Basic", basic(":"), "Bearer ", "Bearer"}) {
            HttpResponse<String> me = send("GET", "/api/v1/me", null, "Authorization", authorization);
            assertThat(me.statusCode()).as("'" + authorization + "'").isEqualTo(200);
            assertThat(json(me).get("anonymous").asBoolean()).isTrue();
        }
        assertThat(send("GET", "/sdapi/v1/sd-models", null, "Authorization", "Basic ")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/v1/models", null, "Authorization", "Bearer ").statusCode())
                .isEqualTo(200);
    }

    private static String basic(String credentials) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongKeyOnTheOpenAiPathsGetsOpenAisErrorShape() throws Exception {
        HttpResponse<String> response = send(
                "POST",
                "/v1/images/generations",
                "{\"prompt\": \"a cat\"}",
                "Authorization",
                bearer("sk-not-a-real-key"));

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = json(response).get("error");
        assertThat(error.get("message").asString()).containsIgnoringCase("API key");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("code").asString()).isEqualTo("invalid_api_key");
    }

    @Test
    void aRevokedKeyStopsWorking() throws Exception {
        Caller caller = newCaller();
        CreatedApiKey spare = keys.create(caller.user(), "spare");
        assertThat(send("GET", "/api/v1/me", null, "X-API-Key", spare.secret()).statusCode())
                .isEqualTo(200);

        HttpResponse<String> revoked =
                send("DELETE", "/api/v1/keys/" + spare.key().id(), null, "Authorization", bearer(caller.secret()));

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/me", null, "X-API-Key", spare.secret()).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/v1/me", null, "X-API-Key", caller.secret()).statusCode())
                .isEqualTo(200);
        JsonNode listed = json(send("GET", "/api/v1/keys", null, "X-API-Key", caller.secret()));
        assertThat(listed.valueStream()
                        .filter(k -> k.get("id").asLong() == spare.key().id())
                        .findFirst()
                        .orElseThrow()
                        .get("revokedAt")
                        .asString())
                .isNotBlank();
    }

    @Test
    void theOperatorKeyAuthenticatesAsAdmin() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/me", null, "Authorization", bearer(ADMIN_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("username").asString()).isEqualTo("admin");
        assertThat(json(response).get("role").asString()).isEqualTo("ADMIN");
        assertThat(send("GET", "/api/v1/me", null, "X-API-Key", ADMIN_KEY + "0").statusCode())
                .isEqualTo(401);
    }

    @Test
    void usersCannotSeeOrRevokeEachOthersKeysButAnAdminCanRevoke() throws Exception {
        Caller ann = newCaller();
        Caller bob = newCaller();

        JsonNode bobsList = json(send("GET", "/api/v1/keys", null, "X-API-Key", bob.secret()));
        assertThat(bobsList.valueStream().map(k -> k.get("id").asLong())).containsExactly(bob.keyId());

        HttpResponse<String> bobRevokesAnns =
                send("DELETE", "/api/v1/keys/" + ann.keyId(), null, "X-API-Key", bob.secret());
        HttpResponse<String> bobRevokesNothing =
                send("DELETE", "/api/v1/keys/" + (ann.keyId() + 1_000_000), null, "X-API-Key", bob.secret());
        // Someone else's key and no key look alike, so ids reveal nothing.
        assertThat(bobRevokesAnns.statusCode()).isEqualTo(404);
        assertThat(bobRevokesNothing.statusCode()).isEqualTo(404);
        assertThat(json(bobRevokesAnns).get("message").asString()).isEqualTo("no API key with id " + ann.keyId());
        assertThat(send("GET", "/api/v1/me", null, "X-API-Key", ann.secret()).statusCode())
                .isEqualTo(200);

        HttpResponse<String> adminRevokes =
                send("DELETE", "/api/v1/keys/" + ann.keyId(), null, "Authorization", bearer(ADMIN_KEY));
        assertThat(adminRevokes.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/me", null, "X-API-Key", ann.secret()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theAnonymousUserCannotHoldKeys() throws Exception {
        HttpResponse<String> create = send("POST", "/api/v1/keys", "{\"name\": \"mine\"}");
        HttpResponse<String> list = send("GET", "/api/v1/keys", null);

        assertThat(create.statusCode()).isEqualTo(401);
        assertThat(list.statusCode()).isEqualTo(401);
        assertThat(json(list).get("message").asString()).contains("API key is required");
        assertThat(keys.list(users.anonymous())).isEmpty();
    }

    @Test
    void registrationNamesTheBadField() throws Exception {
        HttpResponse<String> badUsername =
                send("POST", "/api/v1/users", "{\"username\": \"Bad Name!\", \"password\": \"password-123\"}");
        assertThat(badUsername.statusCode()).isEqualTo(400);
        assertThat(json(badUsername).get("field").asString()).isEqualTo("username");
        assertThat(json(badUsername).get("message").asString()).contains("username");

        HttpResponse<String> noPassword = send("POST", "/api/v1/users", "{\"username\": \"no-password\"}");
        assertThat(noPassword.statusCode()).isEqualTo(400);
        assertThat(json(noPassword).get("field").asString()).isEqualTo("password");

        HttpResponse<String> created = send(
                "POST",
                "/api/v1/users",
                "{\"username\": \"carol\", \"displayName\": \"Carol\", \"password\": \"password-123\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("username").asString()).isEqualTo("carol");
        // The operator account already exists, so a registrant is an ordinary user.
        assertThat(json(created).get("role").asString()).isEqualTo("USER");
        assertThat(users.checkPassword("carol", "password-123")).isPresent();

        HttpResponse<String> taken =
                send("POST", "/api/v1/users", "{\"username\": \"carol\", \"password\": \"password-456\"}");
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(json(taken).get("field").asString()).isEqualTo("username");
    }

    @Test
    void keyCreationNamesTheBadField() throws Exception {
        Caller caller = newCaller();
        HttpResponse<String> response =
                send("POST", "/api/v1/keys", "{\"name\": \"  \"}", "X-API-Key", caller.secret());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asString()).isEqualTo("name");
    }

    @Test
    void healthAndTheApiDocumentAreOpenButMetricsAreTheAdmins() throws Exception {
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/prometheus", null, "Authorization", bearer(ADMIN_KEY))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> openApi = send("GET", "/api/v1/openapi.json", null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(json(openApi).get("paths").has("/api/v1/keys")).isTrue();
    }
}
