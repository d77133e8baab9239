package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.server.testing.ApiClient;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAI Images API over real HTTP with tiny models. */
class OpenAiApiTest extends CompatServerTest {

    @Test
    void b64JsonResponsesCarryDecodablePngsOfTheRequestedSize() {
        long before = Instant.now().getEpochSecond();
        ApiClient.Response response = anonymous.post("/v1/images/generations", """
                {"prompt": "red cat", "n": 3, "size": "32x48", "response_format": "b64_json", "user": "u-1"}""");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("created").asLong())
                .isBetween(before, Instant.now().getEpochSecond());
        assertThat(body.path("data")).hasSize(3);
        for (JsonNode item : body.path("data")) {
            assertThat(item.propertyNames()).containsExactly("b64_json");
            byte[] png = Base64.getDecoder().decode(item.path("b64_json").asString());
            RgbImage image = PngImages.decode(png);
            assertThat(image.width()).isEqualTo(32);
            assertThat(image.height()).isEqualTo(48);
            assertThat(PngImages.readParameters(png).orElseThrow())
                    .startsWith("red cat\n")
                    .contains("Model: alpha");
        }
    }

    @Test
    void urlResponsesLinkToTheImageEndpoint() {
        JsonNode body = ok(anonymous.post("/v1/images/generations", "{\"prompt\": \"blue dog\", \"n\": 2}"));
        assertThat(body.path("data")).hasSize(2);
        for (JsonNode item : body.path("data")) {
            assertThat(item.propertyNames()).containsExactly("url");
            String url = item.path("url").asString();
            // Signed and expiring, as OpenAI's links are.
            assertThat(url)
                    .matches("http://127\\.0\\.0\\.1:" + port
                            + "/api/v1/images/[0-9a-f]{64}\\.png\\?expires=[0-9]+&signature=[A-Za-z0-9_-]{43}");
            RgbImage image = PngImages.decode(anonymous.bytes(url));
            // No size: the model's native size, 32 for the tiny models.
            assertThat(image.width()).isEqualTo(32);
            assertThat(image.height()).isEqualTo(32);
        }
    }

    @Test
    void modelsAreListedAndChosenByName() {
        JsonNode list = anonymous.get("/v1/models").json();
        assertThat(list.path("object").asString()).isEqualTo("list");
        assertThat(list.path("data")).hasSize(2);
        JsonNode first = list.path("data").get(0);
        assertThat(first.path("id").asString()).isEqualTo("alpha");
        assertThat(first.path("object").asString()).isEqualTo("model");
        assertThat(first.path("owned_by").asString()).isEqualTo("easel");
        assertThat(first.path("created").asLong()).isPositive();
        assertThat(list.path("data").get(1).path("id").asString()).isEqualTo("beta");
        assertThat(anonymous.get("/v1/models/beta").json().path("id").asString())
                .isEqualTo("beta");
        assertOpenAiError(anonymous.get("/v1/models/gamma"), 404, "model", "model_not_found");

        JsonNode onBeta = ok(anonymous.post("/v1/images/generations", """
                {"model": "beta", "prompt": "x", "size": "16x16", "response_format": "b64_json"}"""));
        byte[] png = Base64.getDecoder()
                .decode(onBeta.path("data").get(0).path("b64_json").asString());
        assertThat(PngImages.readParameters(png).orElseThrow()).contains("Model: beta");
        // OpenAI's own model names, which clients send by default, mean the server's default model.
        JsonNode onDefault = ok(anonymous.post("/v1/images/generations", """
                {"model": "dall-e-3", "prompt": "x", "size": "16x16", "response_format": "b64_json"}"""));
        byte[] defaultPng = Base64.getDecoder()
                .decode(onDefault.path("data").get(0).path("b64_json").asString());
        assertThat(PngImages.readParameters(defaultPng).orElseThrow()).contains("Model: alpha");
    }

    @Test
    void badParametersGetOpenAiErrorsNamingThem() {
        String path = "/v1/images/generations";
        assertOpenAiError(anonymous.post(path, "{\"n\": 1}"), 400, "prompt", "missing_required_parameter");
        assertOpenAiError(anonymous.post(path, "{\"prompt\": \"\"}"), 400, "prompt", "missing_required_parameter");
        assertOpenAiError(anonymous.post(path, "{\"prompt\": 5}"), 400, "prompt", "invalid_type");
        assertOpenAiError(anonymous.post(path, "{\"prompt\": \"x\", \"size\": \"big\"}"), 400, "size", "invalid_value");
        assertOpenAiError(
                anonymous.post(path, "{\"prompt\": \"x\", \"size\": \"36x32\"}"), 400, "size", "invalid_value");
        assertOpenAiError(anonymous.post(path, "{\"prompt\": \"x\", \"size\": \"0x0\"}"), 400, "size", "invalid_value");
        assertOpenAiError(anonymous.post(path, "{\"prompt\": \"x\", \"n\": 17}"), 400, "n", "integer_above_max_value");
        assertOpenAiError(anonymous.post(path, "{\"prompt\": \"x\", \"n\": 0}"), 400, "n", "integer_below_min_value");
        ApiClient.Response wrongType = anonymous.post(path, "{\"prompt\": \"x\", \"n\": \"two\"}");
        assertOpenAiError(wrongType, 400, "n", "invalid_type");
        assertThat(wrongType.json().path("error").path("message").asString())
                .isEqualTo("Invalid type for 'n': expected an integer, but got a string instead.");
        assertOpenAiError(
                anonymous.post(path, "{\"prompt\": \"x\", \"model\": \"nope\"}"), 404, "model", "model_not_found");
        assertOpenAiError(
                anonymous.post(path, "{\"prompt\": \"x\", \"response_format\": \"gif\"}"),
                400,
                "response_format",
                "invalid_value");
        assertOpenAiError(
                anonymous.post(path, "{\"prompt\": \"x\", \"background\": \"transparent\"}"),
                400,
                "background",
                "invalid_value");
        assertOpenAiError(anonymous.post(path, "{\"prompt\": \"x\", \"foo\": 1}"), 400, "foo", "unknown_parameter");
        assertOpenAiError(anonymous.post(path, "{\"prompt\": \"x\""), 400, null, null);
        assertOpenAiError(anonymous.post(path, "\"x\""), 400, null, null);
    }

    static void assertOpenAiError(ApiClient.Response response, int status, String param, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.json().path("error");
        assertThat(error.path("message").asString()).as(response.body()).isNotBlank();
        assertThat(error.path("type").asString()).isEqualTo(status == 429 ? "requests" : "invalid_request_error");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
        assertThat(error.path("param").isNull() ? null : error.path("param").asString())
                .as(response.body())
                .isEqualTo(param);
        assertThat(error.path("code").isNull() ? null : error.path("code").asString())
                .as(response.body())
                .isEqualTo(code);
    }
}
