package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.easel.engine.image.PngImages;
import dev.easel.server.testing.ApiClient;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded random request bodies against each compatibility API: random subsets of the API's fields with valid, out of
 * range and wrongly typed values, plus bodies that are not JSON objects. Every answer must be a success of the API's
 * shape or a 4xx in the API's error shape that names a field that was sent — never a 5xx — and all of it quickly.
 * Sizes and steps are always sent (small, or invalid) so that valid requests stay cheap.
 */
class CompatRandomizedTest extends CompatServerTest {
    private static final int REQUESTS = 100;
    private static final Duration BUDGET = Duration.ofMinutes(3);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String INIT_PNG = Base64.getEncoder().encodeToString(PngImages.encode(pattern(16, 16), null));

    @Test
    void txt2img() {
        fuzz("/sdapi/v1/txt2img", 11, r -> a1111Body(r, A1111Fields.TXT2IMG), (s, r, c) -> checkA1111(s, r, c, null));
    }

    @Test
    void img2img() {
        fuzz(
                "/sdapi/v1/img2img",
                12,
                r -> a1111Body(r, A1111Fields.IMG2IMG),
                (s, r, c) -> checkA1111(s, r, c, "init_images"));
    }

    @Test
    void openAiImageGenerations() {
        fuzz("/v1/images/generations", 13, CompatRandomizedTest::openAiBody, CompatRandomizedTest::checkOpenAi);
    }

    private void fuzz(String path, long seed, Function<Random, Sent> bodies, Checker checker) {
        Random random = new Random(seed);
        int[] byClass = new int[5];
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int i = 0; i < REQUESTS; i++) {
                Sent sent = bodies.apply(random);
                ApiClient.Response response = anonymous.post(path, sent.body());
                String context = "request " + i + " (seed " + seed + "): " + sent.body() + "\n -> " + response.status()
                        + " " + abbreviate(response.body());
                assertThat(response.status()).as(context).isBetween(200, 499);
                checker.check(sent, response, context);
                byClass[response.status() / 100]++;
            }
        });
        // The generator reaches both the generation path and the refusals.
        assertThat(byClass[2]).as("successes").isGreaterThanOrEqualTo(REQUESTS / 10);
        assertThat(byClass[4]).as("refusals").isGreaterThanOrEqualTo(REQUESTS / 10);
    }

    /** A body and the names of the fields it sent. */
    private record Sent(String body, List<String> fields) {}

    @FunctionalInterface
    private interface Checker {
        void check(Sent sent, ApiClient.Response response, String context);
    }

    /** Half the bodies are clean (every value valid, so they generate); the others mix in bad values and types. */
    private static Sent a1111Body(Random r, List<A1111Field> model) {
        if (r.nextInt(12) == 0) {
            return notAnObject(r);
        }
        boolean clean = r.nextBoolean();
        ObjectNode body = NODES.objectNode();
        for (A1111Field field : model) {
            if (r.nextInt(5) == 0) {
                JsonNode value =
                        clean ? validA1111Value(r, field) : r.nextInt(3) == 0 ? wrongType(r) : a1111Value(r, field);
                body.set(field.name(), value);
            }
        }
        if (clean && model == A1111Fields.IMG2IMG) {
            body.set("init_images", NODES.arrayNode().add(INIT_PNG));
        }
        // The expensive fields: always present, small or (in noisy bodies) invalid.
        if (clean) {
            body.set("width", pick(r, NODES.numberNode(16), NODES.numberNode(24)));
            body.set("height", pick(r, NODES.numberNode(16), NODES.numberNode(32)));
            body.set("steps", pick(r, NODES.numberNode(1), NODES.numberNode(3)));
        } else {
            body.set("width", pick(r, NODES.numberNode(16), NODES.numberNode(0), NODES.stringNode("8")));
            body.set("height", pick(r, NODES.numberNode(16), NODES.numberNode(-8)));
            body.set("steps", pick(r, NODES.numberNode(2), NODES.numberNode(0), NODES.numberNode(151)));
        }
        return new Sent(body.toString(), List.copyOf(body.propertyNames()));
    }

    private static JsonNode validA1111Value(Random r, A1111Field field) {
        return switch (field.name()) {
            case "prompt", "negative_prompt" ->
                pick(r, NODES.stringNode(""), NODES.stringNode("red cat"), NODES.stringNode("名前 ✓\n\u200b"));
            case "sampler_name", "sampler_index" ->
                pick(
                        r,
                        NODES.stringNode("Euler a"),
                        NODES.stringNode("k_dpmpp_2m"),
                        NODES.stringNode("DDIM"),
                        NODES.stringNode("LCM"));
            case "scheduler" -> pick(r, NODES.stringNode("Automatic"), NODES.stringNode(""), NODES.nullNode());
            case "init_images" -> NODES.arrayNode().add(INIT_PNG);
            case "override_settings" ->
                pick(r, NODES.objectNode(), NODES.objectNode().put("sd_model_checkpoint", "beta"));
            case "seed", "subseed" -> pick(r, NODES.numberNode(-1), NODES.numberNode(r.nextInt(1 << 30)));
            case "batch_size", "n_iter" -> NODES.numberNode(1 + r.nextInt(3));
            case "cfg_scale" -> NODES.numberNode(r.nextInt(31));
            case "denoising_strength" -> NODES.numberNode(r.nextInt(11) / 10.0);
            case "send_images", "include_init_images" -> NODES.booleanNode(r.nextBoolean());
            // Everything else as A1111 sends it by default (which also leaves unsupported features off).
            default -> ApiClient.JSON.valueToTree(field.defaultValue());
        };
    }

    private static JsonNode a1111Value(Random r, A1111Field field) {
        return switch (field.name()) {
            case "sampler_name", "sampler_index", "hr_sampler_name" ->
                pick(
                        r,
                        NODES.stringNode("Euler a"),
                        NODES.stringNode("k_dpmpp_2m"),
                        NODES.stringNode("DDIM"),
                        NODES.stringNode("nope"),
                        NODES.stringNode(""));
            case "scheduler" ->
                pick(r, NODES.stringNode("Automatic"), NODES.stringNode("Karras"), NODES.stringNode("beta"));
            case "init_images" -> {
                ArrayNode images = NODES.arrayNode();
                int count = r.nextInt(3);
                for (int i = 0; i < count; i++) {
                    images.add(
                            pick(r, NODES.stringNode(INIT_PNG), NODES.stringNode("aGVsbG8="), NODES.stringNode("%%")));
                }
                yield images;
            }
            case "override_settings" ->
                pick(
                        r,
                        NODES.objectNode(),
                        NODES.objectNode().put("sd_model_checkpoint", "beta"),
                        NODES.objectNode().put("sd_model_checkpoint", "gamma"),
                        NODES.objectNode().put("sd_model_checkpoint", 3),
                        NODES.objectNode().put("CLIP_stop_at_last_layers", 2));
            case "seed", "subseed" ->
                pick(
                        r,
                        NODES.numberNode(-1),
                        NODES.numberNode(r.nextInt(1 << 30)),
                        NODES.numberNode(-7),
                        NODES.numberNode(Long.MAX_VALUE),
                        NODES.numberNode(1e30));
            default -> valueOfKind(r, field.kind());
        };
    }

    private static JsonNode valueOfKind(Random r, A1111Field.Kind kind) {
        return switch (kind) {
            case STRING ->
                pick(
                        r,
                        NODES.stringNode(""),
                        NODES.stringNode("red cat"),
                        NODES.stringNode("None"),
                        NODES.stringNode("名前 ✓\n\u200b"));
            case INTEGER, LONG ->
                pick(
                        r,
                        NODES.numberNode(-1),
                        NODES.numberNode(0),
                        NODES.numberNode(1),
                        NODES.numberNode(2),
                        NODES.numberNode(5),
                        NODES.numberNode(17),
                        NODES.numberNode(1 << 20),
                        NODES.numberNode(2.5),
                        NODES.numberNode(3.0));
            case NUMBER ->
                pick(
                        r,
                        NODES.numberNode(0),
                        NODES.numberNode(0.3),
                        NODES.numberNode(1),
                        NODES.numberNode(7),
                        NODES.numberNode(-2.5),
                        NODES.numberNode(1e9),
                        NODES.numberNode(31));
            case BOOLEAN -> NODES.booleanNode(r.nextBoolean());
            case OBJECT -> pick(r, NODES.objectNode(), NODES.objectNode().put("x", 1));
            case STRINGS ->
                pick(
                        r,
                        NODES.arrayNode(),
                        NODES.arrayNode().add("x"),
                        NODES.arrayNode().add(1));
            case ARRAY -> pick(r, NODES.arrayNode(), NODES.arrayNode().add(1).add("two"));
        };
    }

    private static Sent openAiBody(Random r) {
        if (r.nextInt(12) == 0) {
            return notAnObject(r);
        }
        if (r.nextBoolean()) {
            return cleanOpenAiBody(r);
        }
        ObjectNode body = NODES.objectNode();
        if (r.nextInt(6) != 0) {
            body.set(
                    "prompt",
                    r.nextInt(5) == 0
                            ? wrongType(r)
                            : pick(
                                    r,
                                    NODES.stringNode("red cat"),
                                    NODES.stringNode(""),
                                    NODES.stringNode("blue dog ✓")));
        }
        maybe(
                r,
                body,
                "model",
                NODES.stringNode("alpha"),
                NODES.stringNode("beta"),
                NODES.stringNode("dall-e-2"),
                NODES.stringNode("gamma"),
                NODES.numberNode(1));
        maybe(
                r,
                body,
                "n",
                NODES.numberNode(1),
                NODES.numberNode(3),
                NODES.numberNode(16),
                NODES.numberNode(0),
                NODES.numberNode(17),
                NODES.numberNode(-3),
                NODES.numberNode(2.5),
                NODES.stringNode("2"));
        maybe(
                r,
                body,
                "response_format",
                NODES.stringNode("url"),
                NODES.stringNode("b64_json"),
                NODES.stringNode("gif"),
                NODES.booleanNode(true));
        maybe(r, body, "user", NODES.stringNode("someone"), NODES.numberNode(5));
        maybe(r, body, "quality", NODES.stringNode("hd"), NODES.stringNode("ultra"));
        maybe(r, body, "style", NODES.stringNode("vivid"), NODES.stringNode("weird"));
        maybe(r, body, "output_format", NODES.stringNode("png"), NODES.stringNode("webp"));
        maybe(r, body, "stream", NODES.booleanNode(false), NODES.booleanNode(true), NODES.stringNode("no"));
        maybe(r, body, "output_compression", NODES.numberNode(50), NODES.numberNode(500));
        maybe(r, body, "unknown_thing", NODES.numberNode(1));
        // Always a small or invalid size, so that valid requests stay cheap.
        body.set(
                "size",
                pick(
                        r,
                        NODES.stringNode("16x16"),
                        NODES.stringNode("32x16"),
                        NODES.stringNode("auto"),
                        NODES.stringNode("1x1"),
                        NODES.stringNode("16X16"),
                        NODES.stringNode("99999x1"),
                        NODES.stringNode("4096x4096"),
                        NODES.stringNode(""),
                        NODES.numberNode(16)));
        return new Sent(body.toString(), List.copyOf(body.propertyNames()));
    }

    private static Sent cleanOpenAiBody(Random r) {
        ObjectNode body = NODES.objectNode().put("prompt", pick(r, "red cat", "blue dog ✓"));
        maybe(r, body, "model", NODES.stringNode("alpha"), NODES.stringNode("beta"), NODES.stringNode("dall-e-2"));
        maybe(r, body, "n", NODES.numberNode(1 + r.nextInt(4)));
        maybe(r, body, "response_format", NODES.stringNode("url"), NODES.stringNode("b64_json"));
        maybe(r, body, "quality", NODES.stringNode("hd"), NODES.stringNode("standard"));
        maybe(r, body, "user", NODES.stringNode("someone"));
        body.set("size", pick(r, NODES.stringNode("16x16"), NODES.stringNode("32x16"), NODES.stringNode("auto")));
        return new Sent(body.toString(), List.copyOf(body.propertyNames()));
    }

    /** @param required a field the error may name although it was not sent, because it is missing */
    private static void checkA1111(Sent sent, ApiClient.Response response, String context, String required) {
        JsonNode body = response.json();
        if (response.status() == 200) {
            assertThat(body.path("images").isArray()).as(context).isTrue();
            assertThat(body.path("parameters").isObject()).as(context).isTrue();
            JsonNode info = ApiClient.JSON.readTree(body.path("info").asString());
            int expected = body.path("parameters").path("batch_size").asInt()
                    * body.path("parameters").path("n_iter").asInt();
            assertThat(info.path("all_seeds")).as(context).hasSize(expected);
            if (body.path("parameters").path("send_images").asBoolean()) {
                assertThat(body.path("images")).as(context).hasSize(expected);
            }
            return;
        }
        assertThat(body.path("error").isString()).as(context).isTrue();
        assertThat(body.path("errors").asString()).as(context).startsWith(response.status() + ": ");
        String detail = body.path("detail").asString();
        assertThat(detail).as(context).isNotBlank();
        if (response.status() == 400 || response.status() == 422) {
            assertThat(sent.fields().stream().anyMatch(detail::contains)
                            || detail.contains("body")
                            || (required != null && detail.startsWith(required + ":")))
                    .as("the error names a field that was sent: " + context)
                    .isTrue();
        }
    }

    private static void checkOpenAi(Sent sent, ApiClient.Response response, String context) {
        JsonNode body = response.json();
        if (response.status() == 200) {
            assertThat(body.path("created").isNumber()).as(context).isTrue();
            assertThat(body.path("data").isArray()).as(context).isTrue();
            assertThat(body.path("data")).as(context).isNotEmpty();
            return;
        }
        JsonNode error = body.path("error");
        assertThat(error.path("message").asString()).as(context).isNotBlank();
        assertThat(error.path("type").asString()).as(context).isEqualTo("invalid_request_error");
        assertThat(error.has("param") && error.has("code")).as(context).isTrue();
        if (response.status() == 400 && error.path("code").asString().equals("missing_required_parameter")) {
            assertThat(error.path("param").asString()).as(context).isEqualTo("prompt");
        } else if (response.status() == 400 && !error.path("param").isNull()) {
            assertThat(sent.fields()).as(context).contains(error.path("param").asString());
        } else if (response.status() == 400) {
            assertThat(error.path("message").asString()).as(context).contains("body");
        }
    }

    private static Sent notAnObject(Random r) {
        String body = pick(r, "", "{", "[]", "null", "42", "\"prompt\"", "{\"prompt\": }", "{\"a\":1}{");
        return new Sent(body, List.of());
    }

    private static JsonNode wrongType(Random r) {
        return pick(
                r,
                NODES.stringNode("text"),
                NODES.numberNode(12),
                NODES.booleanNode(true),
                NODES.arrayNode(),
                NODES.objectNode(),
                NODES.nullNode(),
                NODES.numberNode(1.5));
    }

    private static void maybe(Random r, ObjectNode body, String name, JsonNode... values) {
        if (r.nextInt(3) == 0) {
            body.set(name, pick(r, values));
        }
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
