package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.PngImages;
import dev.easel.server.testing.ApiClient;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Refusals of the A1111-compatible API: status codes and A1111's error shape, naming the field at fault. */
class A1111ErrorsTest extends CompatServerTest {

    @Test
    void badFieldsGetA1111ErrorsNamingThem() {
        String txt2img = "/sdapi/v1/txt2img";
        String img2img = "/sdapi/v1/img2img";
        assertA1111Error(anonymous.post(txt2img, "{not json"), 422, "not valid JSON");
        assertA1111Error(anonymous.post(txt2img, "[1, 2]"), 422, "JSON object");
        assertA1111Error(anonymous.post(txt2img, ""), 422, "missing");
        assertA1111Error(anonymous.post(txt2img, "{\"prompt\": 5}"), 422, "prompt: expected a string");
        assertA1111Error(anonymous.post(txt2img, "{\"steps\": \"many\"}"), 422, "steps: expected an integer");
        assertA1111Error(anonymous.post(txt2img, "{\"steps\": 2.5}"), 422, "steps");
        assertA1111Error(anonymous.post(txt2img, "{\"override_settings\": \"beta\"}"), 422, "override_settings");
        assertA1111Error(anonymous.post(txt2img, "{\"batch_size\": 4, \"n_iter\": 5}"), 400, "batch_size × n_iter");
        assertA1111Error(anonymous.post(txt2img, "{\"n_iter\": 0}"), 400, "n_iter");
        assertA1111Error(anonymous.post(txt2img, "{\"steps\": 0}"), 400, "steps must be between 1 and 150");
        assertA1111Error(anonymous.post(txt2img, "{\"width\": 36}"), 400, "width must be a multiple of 8");
        assertA1111Error(anonymous.post(txt2img, "{\"width\": 0}"), 400, "width");
        assertA1111Error(anonymous.post(txt2img, "{\"cfg_scale\": 99}"), 400, "cfg_scale");
        assertA1111Error(anonymous.post(txt2img, "{\"seed\": -5}"), 400, "seed");
        assertA1111Error(anonymous.post(txt2img, "{\"sampler_name\": \"nope\"}"), 404, "sampler not found");
        assertA1111Error(
                anonymous.post(txt2img, "{\"sampler_name\": \"Euler\", \"scheduler\": \"Karras\"}"), 400, "scheduler");
        assertA1111Error(
                anonymous.post(txt2img, "{\"override_settings\": {\"sd_model_checkpoint\": \"nope\"}}"),
                404,
                "override_settings.sd_model_checkpoint");
        assertA1111Error(anonymous.post(txt2img, "{\"enable_hr\": true}"), 400, "enable_hr");
        assertA1111Error(anonymous.post(txt2img, "{\"alwayson_scripts\": {\"controlnet\": {}}}"), 400, "alwayson");
        assertA1111Error(anonymous.post(img2img, "{\"prompt\": \"x\"}"), 400, "init_images");
        assertA1111Error(anonymous.post(img2img, "{\"init_images\": \"abc\"}"), 422, "init_images");
        assertA1111Error(anonymous.post(img2img, "{\"init_images\": [\"aGVsbG8=\"]}"), 400, "init_images[0]");
        String png = Base64.getEncoder().encodeToString(PngImages.encode(pattern(16, 16), null));
        assertA1111Error(
                anonymous.post(img2img, "{\"init_images\": [\"" + png + "\"], \"denoising_strength\": 1.5}"),
                400,
                "denoising_strength");
        assertA1111Error(
                anonymous.post(img2img, "{\"init_images\": [\"" + png + "\"], \"mask\": \"" + png + "\"}"),
                400,
                "mask");
        assertA1111Error(anonymous.get("/sdapi/v1/progress?skip_current_image=maybe"), 422, "skip_current_image");
    }

    @Test
    void aFullQueueOfTheCallersJobsGets429WithRetryAfterAndInterruptClearsIt() throws InterruptedException {
        // Native jobs are accepted at once, so the caller can fill their allowance of jobs in flight.
        int accepted = 0;
        ApiClient.Response refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            ApiClient.Response r = anonymous.post("/api/v1/jobs", """
                    {"prompt": "fill %d", "width": 128, "height": 128, "steps": 150}""".formatted(i));
            if (r.status() == 202) {
                accepted++;
            } else {
                refused = r;
            }
        }
        assertThat(accepted).isPositive();
        ApiClient.Response a1111 = anonymous.post("/sdapi/v1/txt2img", "{\"prompt\": \"x\", \"steps\": 1}");
        assertThat(a1111.status()).as(a1111.body()).isEqualTo(429);
        assertThat(a1111.headers().firstValue("Retry-After")).isPresent();
        assertA1111Error(a1111, 429, "jobs");

        ApiClient.Response openAi = anonymous.post("/v1/images/generations", "{\"prompt\": \"x\"}");
        assertThat(openAi.status()).isEqualTo(429);
        assertThat(openAi.headers().firstValue("Retry-After")).isPresent();
        assertThat(openAi.json().path("error").path("code").asString()).isEqualTo("rate_limit_exceeded");

        assertThat(anonymous.post("/sdapi/v1/interrupt", "").status()).isEqualTo(200);
        // Running jobs leave their batch at the next step.
        awaitProgress(anonymous, p -> p.path("state").path("job_count").asInt() == 0);
        assertThat(ok(anonymous.post(
                                "/sdapi/v1/txt2img",
                                "{\"prompt\": \"x\", \"steps\": 1, \"width\": 32, \"height\": 32}"))
                        .path("images"))
                .hasSize(1);
    }

    static void assertA1111Error(ApiClient.Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.path("error").isString()).as(response.body()).isTrue();
        assertThat(body.path("detail").asString()).as(response.body()).contains(detail);
        assertThat(body.has("body")).isTrue();
        assertThat(body.path("errors").asString()).startsWith(status + ": ");
    }
}
