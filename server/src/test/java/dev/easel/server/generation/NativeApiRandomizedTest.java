package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Seeded random request bodies over the native API's request space, valid and invalid values and types alike:
 * every answer is accepted (202) or a 4xx naming the problem, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NativeApiRandomizedTest {
    static final Path ROOT = tempDir();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TinyModels.write(ROOT.resolve("models/tiny"), TinyModelSpec.defaults());
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.generation.max-jobs-per-user", () -> "1000");
    }

    private static final List<String[]> FIELDS = List.of(
            new String[] {"prompt", "\"red cat\"", "\"\"", "null", "42", "[\"a\"]", "\"红色的猫 🐱\""},
            new String[] {"negativePrompt", "\"blurry\"", "null", "{}", "\"\\n\""},
            new String[] {"model", "\"tiny\"", "\"nope\"", "null", "7", "\"\""},
            new String[] {"width", "32", "64", "36", "0", "-8", "4096", "\"wide\"", "32.5", "null"},
            new String[] {"height", "32", "48", "7", "-1", "99999999999", "true"},
            new String[] {"steps", "1", "2", "3", "0", "151", "-5", "\"many\"", "2.5"},
            new String[] {"cfgScale", "1", "7.5", "-1", "31", "\"high\"", "1e400"},
            new String[] {"sampler", "\"Euler a\"", "\"DDIM\"", "\"lcm\"", "\"nope\"", "3", "null"},
            new String[] {"seed", "1", "-1", "-2", "9223372036854775807", "\"x\""},
            new String[] {"n", "1", "2", "0", "17", "-3", "\"two\""},
            new String[] {"initImage", "\"aGVsbG8=\"", "\"not base64 !!\"", "12", "null"},
            new String[] {"strength", "0.5", "-0.1", "1.5", "\"half\""},
            new String[] {"priority", "0", "-1", "5", "\"top\""});

    @Test
    void randomBodiesGetAcceptedOrA4xxNamingTheProblem() {
        ApiClient api = new ApiClient(port, null);
        Random random = new Random(20261122);
        Set<Integer> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 120; i++) {
            String body = randomBody(random);
            ApiClient.Response response = api.post("/api/v1/jobs", body);
            seen.add(response.status());
            assertThat(response.status()).as(body + " -> " + response.body()).isIn(202, 400, 404, 413, 429);
            JsonNode json = response.json();
            if (response.status() == 202) {
                assertThat(json.path("id").asString()).hasSize(36);
            } else {
                assertThat(json.path("status").asInt()).isEqualTo(response.status());
                assertThat(json.path("message").asString())
                        .as(body)
                        .isNotBlank()
                        .doesNotContain("Exception");
            }
        }
        assertThat(seen).as("the generator reaches both outcomes").contains(202, 400);
    }

    private static String randomBody(Random random) {
        if (random.nextInt(20) == 0) {
            return random.nextBoolean() ? "{broken" : "[1, 2]";
        }
        List<String> members = new ArrayList<>();
        for (String[] field : FIELDS) {
            if (random.nextInt(3) > 0) {
                members.add("\"" + field[0] + "\": " + field[1 + random.nextInt(field.length - 1)]);
            }
        }
        // Bias towards small valid jobs so accepted ones finish quickly.
        if (random.nextBoolean()) {
            members.add("\"width\": 32");
            members.add("\"height\": 32");
            members.add("\"steps\": 2");
        }
        return "{" + String.join(", ", members) + "}";
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-random");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
