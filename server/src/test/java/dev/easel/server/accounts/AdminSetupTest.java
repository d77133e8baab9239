package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.ApiClient.Response;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A fresh server with no admin configured: open registration never makes an admin; the one-time setup token printed in
 * the log at startup does, once.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AdminSetupTest {
    private static final Pattern TOKEN = Pattern.compile("setup token: (\\S+)");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    private Response register(String username, String setupToken) {
        Map<String, String> body = setupToken == null
                ? Map.of("username", username, "password", "password-123")
                : Map.of("username", username, "password", "password-123", "setupToken", setupToken);
        return new ApiClient(port, null).post("/api/v1/users", ApiClient.JSON.writeValueAsString(body));
    }

    @Test
    void theFirstAccountIsAUserAndOnlyTheLoggedSetupTokenMakesAnAdminOnce(CapturedOutput output) {
        Response first = register("first-comer", null);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("role").asString()).isEqualTo("USER");

        Matcher logged = TOKEN.matcher(output.getAll());
        assertThat(logged.find()).as("the setup token is in the log").isTrue();
        String token = logged.group(1);

        Response wrong = register("guesser", token + "x");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.json().get("field").asString()).isEqualTo("setupToken");
        Response taken = register("first-comer", token);
        assertThat(taken.status()).as(taken.body()).isEqualTo(400);
        assertThat(taken.json().get("field").asString()).isEqualTo("username");

        // A refused registration did not use the token up.
        Response operator = register("operator", token);
        assertThat(operator.status()).as(operator.body()).isEqualTo(201);
        assertThat(operator.json().get("role").asString()).isEqualTo("ADMIN");

        Response again = register("second-admin", token);
        assertThat(again.status()).as(again.body()).isEqualTo(400);
        assertThat(again.json().get("field").asString()).isEqualTo("setupToken");
        assertThat(again.json().get("message").asString()).contains("already used");
        assertThat(register("latecomer", null).json().get("role").asString()).isEqualTo("USER");
    }
}
