package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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

/** What a signed-out visitor can make the server spend: no session per page view, few accounts per address. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AnonymousVisitorsTest {
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

    private Response register(String username) {
        return new ApiClient(port, null)
                .post(
                        "/api/v1/users",
                        ApiClient.JSON.writeValueAsString(Map.of("username", username, "password", "password-123")));
    }

    @Test
    void registrationIsLimitedPerAddressAndRefusedOnesDoNotCount() {
        assertThat(register("visitor-1").status()).isEqualTo(201);
        // Mistakes make no account and cost no bcrypt time, so they do not count.
        for (int i = 0; i < 5; i++) {
            assertThat(register("visitor-1").status()).isEqualTo(400);
        }
        for (int i = 2; i <= 5; i++) {
            assertThat(register("visitor-" + i).status()).isEqualTo(201);
        }

        Response limited = register("visitor-6");
        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(3500L, 3600L);
        assertThat(limited.json().get("message").asString()).contains("registrations");
    }

    @Test
    void signedOutPageViewsCreateNoSession() {
        ApiClient browser = ApiClient.browser(port);
        for (String page : List.of("/", "/login", "/register", "/login?error", "/generate", "/settings")) {
            Response response = browser.get(page);
            assertThat(response.status()).as(page).isLessThan(400);
            assertThat(response.headers().allValues("Set-Cookie"))
                    .as(page)
                    .noneMatch(cookie -> cookie.startsWith(SecurityConfig.SESSION_COOKIE + "="));
        }
        // The CSRF token lives in its own cookie, not in a session.
        String token = browser.cookie("XSRF-TOKEN").orElseThrow();
        Response failedSignIn = browser.send(
                "POST",
                "/login",
                "application/x-www-form-urlencoded",
                ("username=nobody&password=wrong-password&_csrf=" + token).getBytes(StandardCharsets.UTF_8));
        assertThat(failedSignIn.status()).isEqualTo(302);
        assertThat(browser.cookie(SecurityConfig.SESSION_COOKIE)).isEmpty();
    }

    @Test
    void signingInStillReturnsToThePageThatNeededIt() {
        UserAccount user = users.create(new NewUser("returning-visitor", null, "password-123"));
        ApiClient browser = ApiClient.browser(port);

        Response asked = browser.get("/settings");
        assertThat(asked.status()).isEqualTo(302);
        assertThat(asked.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        browser.get("/login");
        Response signIn = browser.send(
                "POST",
                "/login",
                "application/x-www-form-urlencoded",
                ("username=" + user.username() + "&password=password-123&_csrf="
                                + browser.cookie("XSRF-TOKEN").orElseThrow())
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(signIn.status()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/settings");
        assertThat(browser.cookie(SecurityConfig.SESSION_COOKIE)).isPresent();
    }
}
