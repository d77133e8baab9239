package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.ApiClient.Response;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Profiles, avatars, settings, password changes and roles over real HTTP, with API keys as the callers. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ProfileApiTest {
    private static final String PASSWORD = "password-123";
    private static final AtomicInteger USERS = new AtomicInteger();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", dataDir::toString);
    }

    /** Records the content events the server publishes. */
    @TestConfiguration
    static class Events {
        final List<ContentChanged> changes = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ContentChanged change) {
            changes.add(change);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    @Autowired
    Events events;

    /** The admin, made as the operator's setup token makes one. */
    private ApiClient chief;

    @BeforeEach
    void chief() {
        UserAccount admin = users.findByUsername("chief")
                .orElseGet(() -> users.create(new NewUser("chief", "Chief", PASSWORD), Role.ADMIN));
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        chief = new ApiClient(port, keys.create(admin, "chief").secret());
    }

    private record Caller(UserAccount user, ApiClient api) {}

    private Caller newCaller() {
        UserAccount user = users.create(new NewUser("member-" + USERS.incrementAndGet(), null, PASSWORD));
        return new Caller(user, new ApiClient(port, keys.create(user, "test").secret()));
    }

    private static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x % height, Color.ORANGE.getRGB());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    private static String field(Response response) {
        return response.json().get("field").asString();
    }

    @Test
    void aProfileIsEditedByItsOwnerStoredAsWrittenAndShownPublicly() {
        Caller ann = newCaller();
        String name = ann.user().username();
        assertThat(new ApiClient(port, null)
                        .get("/api/v1/users/" + name)
                        .json()
                        .get("bio")
                        .isNull())
                .isTrue();
        int before = events.changes.size();

        Response edited =
                ann.api().patch("/api/v1/me", "{\"displayName\": \"Ann <b>\", \"bio\": \"Hi <script>x</script>\"}");
        Response onlyBio = ann.api().patch("/api/v1/me", "{\"bio\": \"second bio\"}");

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("displayName").asString()).isEqualTo("Ann <b>");
        assertThat(onlyBio.json().get("displayName").asString()).isEqualTo("Ann <b>");
        JsonNode profile =
                new ApiClient(port, null).get("/api/v1/users/" + name).json();
        assertThat(profile.get("id").asLong()).isEqualTo(ann.user().id());
        assertThat(profile.get("username").asString()).isEqualTo(name);
        assertThat(profile.get("displayName").asString()).isEqualTo("Ann <b>");
        assertThat(profile.get("bio").asString()).isEqualTo("second bio");
        assertThat(profile.get("role").asString()).isEqualTo("USER");
        assertThat(profile.get("createdAt").asString()).isNotBlank();
        assertThat(profile.get("avatarUrl").isNull()).isTrue();
        assertThat(events.changes.subList(before, events.changes.size()))
                .containsOnly(new ContentChanged(
                        ContentKind.USER, Long.toString(ann.user().id())))
                .hasSize(2);
        // Escaped by the JSON encoder, not altered: the script tag round-trips as text.
        assertThat(ann.api()
                        .patch("/api/v1/me", "{\"bio\": \"Hi <script>x</script>\"}")
                        .json()
                        .get("bio")
                        .asString())
                .isEqualTo("Hi <script>x</script>");
        assertThat(new ApiClient(port, null).get("/api/v1/users/nobody-at-all").status())
                .isEqualTo(404);
    }

    @Test
    void badProfileFieldsAre400sNamingTheField() {
        ApiClient api = newCaller().api();

        Response longBio = api.patch("/api/v1/me", "{\"bio\": \"" + "x".repeat(ProfileService.MAX_BIO + 1) + "\"}");
        Response longName = api.patch("/api/v1/me", "{\"displayName\": \"" + "n".repeat(129) + "\"}");
        Response wrongType = api.patch("/api/v1/me", "{\"bio\": 5}");
        Response unknown = api.patch("/api/v1/me", "{\"email\": \"a@b.c\"}");
        Response exactLimit = api.patch("/api/v1/me", "{\"bio\": \"" + "x".repeat(ProfileService.MAX_BIO) + "\"}");

        assertThat(longBio.status()).isEqualTo(400);
        assertThat(field(longBio)).isEqualTo("bio");
        assertThat(field(longName)).isEqualTo("displayName");
        assertThat(field(wrongType)).isEqualTo("bio");
        assertThat(field(unknown)).isEqualTo("email");
        assertThat(exactLimit.status()).isEqualTo(200);
    }

    @Test
    void anAvatarIsCheckedStoredByContentAndServedUntilRemoved() throws IOException {
        Caller bob = newCaller();
        byte[] png = image("png", 64, 48);

        Response put = bob.api().send("PUT", "/api/v1/me/avatar", "image/png", png);

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        String url = put.json().get("avatarUrl").asString();
        assertThat(url).matches("/api/v1/avatars/[0-9a-f]{64}\\.png");
        Response served = new ApiClient(port, null).send("GET", url, null, null);
        assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(served.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(new ApiClient(port, null).bytes(url)));
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(48);
        assertThat(new ApiClient(port, null)
                        .get("/api/v1/users/" + bob.user().username())
                        .json()
                        .get("avatarUrl")
                        .asString())
                .isEqualTo(url);

        Response removed = bob.api().delete("/api/v1/me/avatar");

        assertThat(removed.json().get("avatarUrl").isNull()).isTrue();
        assertThat(new ApiClient(port, null).get(url).status()).isEqualTo(404);
    }

    @Test
    void aJpegCanBeUploadedAsMultipart() throws IOException {
        Caller carol = newCaller();
        String boundary = "----easel-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(image("jpeg", 40, 40));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        Response put = carol.api()
                .send("PUT", "/api/v1/me/avatar", "multipart/form-data; boundary=" + boundary, body.toByteArray());

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("avatarUrl").asString()).endsWith(".jpg");
    }

    @Test
    void imagesThatAreNotAvatarsAre400sNamingTheAvatar() throws IOException {
        ApiClient api = newCaller().api();

        Response text =
                api.send("PUT", "/api/v1/me/avatar", "image/png", "not an image".getBytes(StandardCharsets.UTF_8));
        Response gif = api.send("PUT", "/api/v1/me/avatar", "image/png", image("gif", 8, 8));
        Response wide = api.send("PUT", "/api/v1/me/avatar", "image/png", image("png", AvatarStore.MAX_SIDE + 1, 1));
        byte[] truncated = image("png", 32, 32);
        Response broken = api.send("PUT", "/api/v1/me/avatar", "image/png", java.util.Arrays.copyOf(truncated, 40));
        byte[] huge = new byte[AvatarStore.MAX_BYTES + 1];
        System.arraycopy(truncated, 0, huge, 0, truncated.length);
        Response tooLarge = api.send("PUT", "/api/v1/me/avatar", "image/png", huge);

        for (Response refused : List.of(text, gif, wide, broken, tooLarge)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(field(refused)).isEqualTo("avatar");
        }
        assertThat(wide.json().get("message").asString()).contains("4096");
        assertThat(tooLarge.json().get("message").asString()).contains("2 MB");
    }

    @Test
    void preferencesAreReadAndReplacedAndBadValuesNamed() {
        ApiClient api = newCaller().api();

        JsonNode defaults = api.get("/api/v1/me/preferences").json();
        Response put = api.put("/api/v1/me/preferences", "{\"maxNsfw\": \"R\", \"blurAbove\": false}");
        Response badLevel = api.put("/api/v1/me/preferences", "{\"maxNsfw\": \"XXX\", \"blurAbove\": true}");
        Response missingBlur = api.put("/api/v1/me/preferences", "{\"maxNsfw\": \"PG\"}");

        assertThat(defaults.get("maxNsfw").asString()).isEqualTo("PG13");
        assertThat(defaults.get("blurAbove").asBoolean()).isTrue();
        assertThat(put.status()).isEqualTo(200);
        JsonNode stored = api.get("/api/v1/me/preferences").json();
        assertThat(stored.get("maxNsfw").asString()).isEqualTo("R");
        assertThat(stored.get("blurAbove").asBoolean()).isFalse();
        assertThat(field(badLevel)).isEqualTo("maxNsfw");
        assertThat(field(missingBlur)).isEqualTo("blurAbove");
    }

    @Test
    void thePasswordChangesOnlyWithTheCurrentOne() {
        Caller dan = newCaller();
        String newPassword = "a-new-password-9";

        Response wrongCurrent = dan.api()
                .put(
                        "/api/v1/me/password",
                        "{\"currentPassword\": \"nope-nope\", \"newPassword\": \"" + newPassword + "\"}");
        Response tooShort = dan.api()
                .put("/api/v1/me/password", "{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \"short\"}");
        Response changed = dan.api()
                .put(
                        "/api/v1/me/password",
                        "{\"currentPassword\": \"" + PASSWORD + "\", \"newPassword\": \"" + newPassword + "\"}");

        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(field(wrongCurrent)).isEqualTo("currentPassword");
        assertThat(field(tooShort)).isEqualTo("newPassword");
        assertThat(changed.status()).isEqualTo(204);
        assertThat(users.checkPassword(dan.user().username(), newPassword)).isPresent();
        assertThat(users.checkPassword(dan.user().username(), PASSWORD)).isEmpty();
    }

    @Test
    void theAnonymousUserCannotDoAccountThings() {
        ApiClient anonymous = new ApiClient(port, null);

        List<Response> refused = List.of(
                anonymous.patch("/api/v1/me", "{\"bio\": \"x\"}"),
                anonymous.send("PUT", "/api/v1/me/avatar", "image/png", new byte[] {1}),
                anonymous.delete("/api/v1/me/avatar"),
                anonymous.get("/api/v1/me/preferences"),
                anonymous.put("/api/v1/me/preferences", "{\"maxNsfw\": \"X\", \"blurAbove\": false}"),
                anonymous.put("/api/v1/me/password", "{\"currentPassword\": \"a\", \"newPassword\": \"b\"}"),
                anonymous.post("/api/v1/keys", "{\"name\": \"k\"}"));

        for (Response response : refused) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("message").asString()).contains("API key is required");
        }
        assertThat(users.preferences(users.anonymous())).isEqualTo(ViewerPreferences.DEFAULT);
    }

    @Test
    void onlyAdminsChangeRolesAndTheLastAdminStays() {
        Caller erin = newCaller();
        Caller frank = newCaller();
        long chiefId = users.findByUsername("chief").orElseThrow().id();

        Response byUser = erin.api().put("/api/v1/users/" + frank.user().id() + "/role", "{\"role\": \"ADMIN\"}");
        Response badRole = chief.put("/api/v1/users/" + frank.user().id() + "/role", "{\"role\": \"KING\"}");
        Response lastAdmin = chief.put("/api/v1/users/" + chiefId + "/role", "{\"role\": \"USER\"}");
        Response unknown = chief.put("/api/v1/users/999999/role", "{\"role\": \"USER\"}");
        Response promoted = chief.put("/api/v1/users/" + frank.user().id() + "/role", "{\"role\": \"moderator\"}");

        assertThat(byUser.status()).isEqualTo(403);
        assertThat(field(badRole)).isEqualTo("role");
        assertThat(lastAdmin.status()).isEqualTo(400);
        assertThat(lastAdmin.json().get("message").asString()).contains("last admin");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("role").asString()).isEqualTo("MODERATOR");
        // The new role applies to the next request made with the same key.
        assertThat(frank.api().get("/api/v1/me").json().get("role").asString()).isEqualTo("MODERATOR");
        assertThat(users.findById(chiefId).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void aSuspendedUsersProfileIsHiddenFromAllButModerators() {
        Caller gina = newCaller();
        Caller moderator = newCaller();
        chief.put("/api/v1/users/" + moderator.user().id() + "/role", "{\"role\": \"MODERATOR\"}");
        gina.api().patch("/api/v1/me", "{\"bio\": \"visible\"}");
        String path = "/api/v1/users/" + gina.user().username();
        assertThat(new ApiClient(port, null).get(path).status()).isEqualTo(200);

        users.setSuspended(gina.user().id(), true);

        assertThat(new ApiClient(port, null).get(path).status()).isEqualTo(404);
        assertThat(newCaller().api().get(path).status()).isEqualTo(404);
        Response seenByModerator = moderator.api().get(path);
        assertThat(seenByModerator.status()).isEqualTo(200);
        assertThat(seenByModerator.json().get("suspended").asBoolean()).isTrue();
    }
}
