package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.ApiClient.Response;
import java.net.URLEncoder;
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

/** Browser sessions over real HTTP: JSON sign-in, form login, CSRF, throttling, suspension, the configured admin. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"easel.auth.admin-username=boss", "easel.auth.admin-password=" + SessionApiTest.ADMIN_PASSWORD})
@DirtiesContext
class SessionApiTest {
    static final String ADMIN_PASSWORD = "boss-password-1";
    private static final String PASSWORD = "password-123";
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

    private UserAccount newUser() {
        return users.create(new NewUser("session-" + USERS.incrementAndGet(), null, PASSWORD));
    }

    private static String credentials(String username, String password) {
        return ApiClient.JSON.writeValueAsString(java.util.Map.of("username", username, "password", password));
    }

    private ApiClient signedIn(UserAccount user) {
        ApiClient browser = ApiClient.browser(port);
        Response signIn = browser.post("/api/v1/session", credentials(user.username(), PASSWORD));
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        return browser;
    }

    /** An unsafe request with the CSRF header copied from the XSRF-TOKEN cookie, as a page script would. */
    private static Response withCsrf(ApiClient browser, String method, String path, String json) {
        String token = browser.cookie("XSRF-TOKEN").orElseThrow();
        return browser.send(
                method,
                path,
                "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                "X-XSRF-TOKEN",
                token);
    }

    @Test
    void signingInGivesASessionThatActsAsTheUserWithoutAKey() {
        UserAccount user = newUser();
        ApiClient browser = ApiClient.browser(port);

        Response signIn = browser.post("/api/v1/session", credentials(user.username(), PASSWORD));

        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.json().get("username").asString()).isEqualTo(user.username());
        assertThat(signIn.json().get("anonymous").asBoolean()).isFalse();
        assertThat(browser.cookie("JSESSIONID")).isPresent();
        assertThat(browser.cookie("XSRF-TOKEN")).isPresent();
        assertThat(signIn.headers().allValues("Set-Cookie"))
                .anySatisfy(
                        cookie -> assertThat(cookie).startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly"));
        Response me = browser.get("/api/v1/me");
        assertThat(me.json().get("username").asString()).isEqualTo(user.username());
        assertThat(me.json().get("id").asLong()).isEqualTo(user.id());
    }

    @Test
    void signingInAgainChangesTheSessionIdAndTheOldIdNoLongerWorks() {
        UserAccount user = newUser();
        ApiClient browser = signedIn(user);
        String first = browser.cookie("JSESSIONID").orElseThrow();

        Response again = withCsrf(browser, "POST", "/api/v1/session", credentials(user.username(), PASSWORD));

        assertThat(again.status()).isEqualTo(200);
        String second = browser.cookie("JSESSIONID").orElseThrow();
        assertThat(second).isNotEqualTo(first);
        Response withOldId =
                new ApiClient(port, null).send("GET", "/api/v1/me", null, null, "Cookie", "JSESSIONID=" + first);
        assertThat(withOldId.json().get("username").asString()).isEqualTo("anonymous");
    }

    @Test
    void wrongPasswordsAndUnknownUsersAre401AndStartNoSession() {
        UserAccount user = newUser();
        ApiClient browser = ApiClient.browser(port);

        Response wrong = browser.post("/api/v1/session", credentials(user.username(), "not-the-password"));
        Response unknown = browser.post("/api/v1/session", credentials("nobody-here", PASSWORD));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("message").asString()).isEqualTo("wrong username or password");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(browser.cookie("JSESSIONID")).isEmpty();
        assertThat(browser.get("/api/v1/me").json().get("anonymous").asBoolean())
                .isTrue();
    }

    @Test
    void signingOutEndsTheSession() {
        ApiClient browser = signedIn(newUser());

        Response signOut = withCsrf(browser, "DELETE", "/api/v1/session", null);

        assertThat(signOut.status()).isEqualTo(204);
        assertThat(browser.cookie("JSESSIONID")).isEmpty();
        assertThat(browser.get("/api/v1/me").json().get("anonymous").asBoolean())
                .isTrue();
    }

    @Test
    void aSessionWriteNeedsTheCsrfTokenButAKeyOrNoCookieDoesNot() {
        UserAccount user = newUser();
        ApiClient browser = signedIn(user);

        Response withoutToken = browser.post("/api/v1/keys", "{\"name\": \"no token\"}");
        Response wrongToken = browser.send(
                "POST",
                "/api/v1/keys",
                "application/json",
                "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8),
                "X-XSRF-TOKEN",
                "not-the-token");
        Response withToken = withCsrf(browser, "POST", "/api/v1/keys", "{\"name\": \"from the browser\"}");

        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.json().get("message").asString()).contains("X-XSRF-TOKEN");
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(withToken.status()).isEqualTo(201);
        assertThat(keys.list(user)).extracting(ApiKey::name).containsExactly("from the browser");

        // The secret made in the session works as a key, with no token, even alongside the session cookie.
        String secret = withToken.json().get("secret").asString();
        Response keyWrite = browser.withKey(secret).post("/api/v1/keys", "{\"name\": \"by key\"}");
        assertThat(keyWrite.status()).isEqualTo(201);
        // Without any cookie a write needs no token either (registration here).
        Response cookieless = new ApiClient(port, null)
                .post("/api/v1/users", "{\"username\": \"session-fresh\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(cookieless.status()).isEqualTo(201);
    }

    @Test
    void keysCanBeListedAndRevokedFromASession() {
        UserAccount user = newUser();
        CreatedApiKey key = keys.create(user, "laptop");
        ApiClient browser = signedIn(user);

        Response list = browser.get("/api/v1/keys");
        Response revoke =
                withCsrf(browser, "DELETE", "/api/v1/keys/" + key.key().id(), null);

        assertThat(list.json().get(0).get("name").asString()).isEqualTo("laptop");
        assertThat(list.body()).doesNotContain(key.secret());
        assertThat(revoke.status()).isEqualTo(204);
        assertThat(new ApiClient(port, key.secret()).get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aWrongKeyIsRefusedEvenWithASignedInSession() {
        ApiClient browser = signedIn(newUser());

        Response wrongKey =
                browser.withKey("easel_wrongwrongwrongwrongwrongwrongwr").get("/api/v1/me");

        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.json().get("message").asString()).isEqualTo("invalid or revoked API key");
    }

    @Test
    void theCsrfEndpointSetsTheCookieAndReturnsItsValue() {
        ApiClient browser = ApiClient.browser(port);

        Response csrf = browser.get("/api/v1/session/csrf");

        assertThat(csrf.status()).isEqualTo(200);
        assertThat(csrf.json().get("headerName").asString()).isEqualTo("X-XSRF-TOKEN");
        assertThat(csrf.json().get("parameterName").asString()).isEqualTo("_csrf");
        assertThat(browser.cookie("XSRF-TOKEN"))
                .contains(csrf.json().get("token").asString());
        assertThat(csrf.headers().allValues("Set-Cookie"))
                .anySatisfy(
                        cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").doesNotContainIgnoringCase("HttpOnly"));
        // Asked again, the same token: it lives in the cookie.
        assertThat(browser.get("/api/v1/session/csrf").json().get("token").asString())
                .isEqualTo(csrf.json().get("token").asString());
    }

    @Test
    void pagesSetTheCsrfCookieOnTheFirstGet() {
        ApiClient browser = ApiClient.browser(port);

        browser.get("/");

        assertThat(browser.cookie("XSRF-TOKEN")).isPresent();
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneIsRefusedWith429ButOtherUsersAreNot() {
        UserAccount target = newUser();
        UserAccount bystander = newUser();
        ApiClient attacker = ApiClient.browser(port);
        for (int i = 0; i < LoginThrottle.FAILURES_PER_USERNAME; i++) {
            assertThat(attacker.post("/api/v1/session", credentials(target.username(), "guess-" + i))
                            .status())
                    .isEqualTo(401);
        }

        Response locked = attacker.post("/api/v1/session", credentials(target.username(), PASSWORD));
        Response owner = ApiClient.browser(port).post("/api/v1/session", credentials(target.username(), PASSWORD));
        Response other = ApiClient.browser(port).post("/api/v1/session", credentials(bystander.username(), PASSWORD));

        assertThat(locked.status()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, LoginThrottle.WINDOW.toSeconds());
        assertThat(locked.json().get("message").asString()).contains("too many failed sign-ins");
        assertThat(owner.status()).isEqualTo(429);
        assertThat(other.status()).isEqualTo(200);
        // The form login shares the count.
        Response form = formLogin(ApiClient.browser(port), target.username(), PASSWORD);
        assertThat(form.status()).isEqualTo(429);
        assertThat(form.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void suspensionEndsSessionsAndKeysAtOnceAndRefusesSignIn() {
        UserAccount user = newUser();
        String secret = keys.create(user, "k").secret();
        ApiClient browser = signedIn(user);
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);

        users.setSuspended(user.id(), true);

        Response session = browser.get("/api/v1/me");
        assertThat(session.status()).isEqualTo(403);
        assertThat(session.json().get("message").asString()).isEqualTo("account suspended");
        Response key = new ApiClient(port, secret).get("/api/v1/me");
        assertThat(key.status()).isEqualTo(403);
        assertThat(key.json().get("message").asString()).isEqualTo("account suspended");
        Response signIn = ApiClient.browser(port).post("/api/v1/session", credentials(user.username(), PASSWORD));
        assertThat(signIn.status()).isEqualTo(403);
        assertThat(signIn.json().get("message").asString()).isEqualTo("account suspended");
        // The session was ended, not just refused: reinstating the user does not revive it.
        users.setSuspended(user.id(), false);
        assertThat(browser.get("/api/v1/me").json().get("anonymous").asBoolean())
                .isTrue();
        assertThat(new ApiClient(port, secret).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void aPageRequestAlsoEndsASuspendedUsersSession() {
        UserAccount user = newUser();
        ApiClient browser = signedIn(user);

        users.setSuspended(user.id(), true);
        assertThat(browser.get("/").status()).isEqualTo(200);
        users.setSuspended(user.id(), false);

        // Had the page left the session alive, the reinstated user would be signed in again here.
        assertThat(browser.get("/api/v1/me").json().get("anonymous").asBoolean())
                .isTrue();
    }

    @Test
    void formLoginRedirectsHomeAndItsSessionWorksOnTheApi() {
        UserAccount user = newUser();
        ApiClient browser = ApiClient.browser(port);

        Response login = formLogin(browser, user.username(), PASSWORD);

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/");
        assertThat(browser.get("/api/v1/me").json().get("username").asString()).isEqualTo(user.username());

        // Signing in replaced the CSRF token; the page the redirect leads to sets the new cookie.
        browser.get("/");
        Response logout = browser.send(
                "POST",
                "/logout",
                "application/x-www-form-urlencoded",
                ("_csrf=" + browser.cookie("XSRF-TOKEN").orElseThrow()).getBytes(StandardCharsets.UTF_8));
        assertThat(logout.status()).isEqualTo(302);
        assertThat(browser.get("/api/v1/me").json().get("anonymous").asBoolean())
                .isTrue();
    }

    @Test
    void formLoginFailuresRedirectToTheLoginPageAndNeedTheCsrfToken() {
        UserAccount user = newUser();

        Response wrong = formLogin(ApiClient.browser(port), user.username(), "wrong-password");
        ApiClient noToken = ApiClient.browser(port);
        Response withoutToken = noToken.send(
                "POST",
                "/login",
                "application/x-www-form-urlencoded",
                form(user.username(), PASSWORD, null).getBytes(StandardCharsets.UTF_8));

        assertThat(wrong.status()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(noToken.get("/api/v1/me").json().get("anonymous").asBoolean())
                .isTrue();
    }

    @Test
    void theConfiguredAdminAccountSignsInAsAdmin() {
        ApiClient browser = ApiClient.browser(port);

        Response signIn = browser.post("/api/v1/session", credentials("boss", ADMIN_PASSWORD));

        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.json().get("role").asString()).isEqualTo("ADMIN");
    }

    /** The pages' form login, with the token from the XSRF-TOKEN cookie that any page sets. */
    private Response formLogin(ApiClient browser, String username, String password) {
        browser.get("/");
        String token = browser.cookie("XSRF-TOKEN").orElseThrow();
        return browser.send(
                "POST",
                "/login",
                "application/x-www-form-urlencoded",
                form(username, password, token).getBytes(StandardCharsets.UTF_8));
    }

    private static String form(String username, String password, String csrf) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return csrf == null ? form : form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    }
}
