package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.model.OrtSettings;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.Generator;
import dev.easel.engine.pipeline.ProgressListener;
import dev.easel.engine.scheduler.Sampler;
import dev.easel.server.testing.ApiClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The A1111-compatible API over real HTTP with tiny models. */
class A1111ApiTest extends CompatServerTest {

    @Test
    void txt2imgReturnsBatchSizeTimesNIterImagesThatMatchTheRequest() throws Exception {
        ApiClient.Response response = anonymous.post("/sdapi/v1/txt2img", """
                {"prompt": "red cat", "negative_prompt": "blue dog", "seed": 1234, "steps": 3, "cfg_scale": 5.5,
                 "width": 32, "height": 48, "sampler_name": "Euler", "batch_size": 2, "n_iter": 3}""");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();

        JsonNode parameters = body.path("parameters");
        assertThat(parameters.path("prompt").asString()).isEqualTo("red cat");
        assertThat(parameters.path("negative_prompt").asString()).isEqualTo("blue dog");
        assertThat(parameters.path("seed").asLong()).isEqualTo(1234);
        assertThat(parameters.path("steps").asInt()).isEqualTo(3);
        assertThat(parameters.path("cfg_scale").asDouble()).isEqualTo(5.5);
        assertThat(parameters.path("width").asInt()).isEqualTo(32);
        assertThat(parameters.path("height").asInt()).isEqualTo(48);
        assertThat(parameters.path("sampler_name").asString()).isEqualTo("Euler");
        assertThat(parameters.path("batch_size").asInt()).isEqualTo(2);
        assertThat(parameters.path("n_iter").asInt()).isEqualTo(3);
        // Fields the client left out come back with A1111's defaults.
        assertThat(parameters.path("sampler_index").asString()).isEqualTo("Euler");
        assertThat(parameters.path("enable_hr").asBoolean()).isFalse();
        assertThat(parameters.path("send_images").asBoolean()).isTrue();
        assertThat(parameters.path("subseed").asLong()).isEqualTo(-1);
        assertThat(parameters.has("denoising_strength")).isTrue();

        JsonNode info = ApiClient.JSON.readTree(body.path("info").asString());
        List<Long> expectedSeeds = List.of(1234L, 1235L, 1236L, 1237L, 1238L, 1239L);
        assertThat(longs(info.path("all_seeds"))).isEqualTo(expectedSeeds);
        assertThat(info.path("seed").asLong()).isEqualTo(1234);
        assertThat(strings(info.path("all_prompts"))).hasSize(6).containsOnly("red cat");
        assertThat(strings(info.path("all_negative_prompts"))).hasSize(6).containsOnly("blue dog");
        assertThat(info.path("negative_prompt").asString()).isEqualTo("blue dog");
        assertThat(info.path("width").asInt()).isEqualTo(32);
        assertThat(info.path("height").asInt()).isEqualTo(48);
        assertThat(info.path("sampler_name").asString()).isEqualTo("Euler");
        assertThat(info.path("cfg_scale").asDouble()).isEqualTo(5.5);
        assertThat(info.path("steps").asInt()).isEqualTo(3);
        assertThat(info.path("batch_size").asInt()).isEqualTo(2);
        assertThat(info.path("sd_model_name").asString()).isEqualTo("alpha");
        assertThat(info.path("sd_model_hash").asString())
                .isEqualTo(folderSha256(ALPHA).substring(0, 10));
        assertThat(info.path("job_timestamp").asString()).matches("\\d{14}");
        assertThat(info.path("infotexts")).hasSize(6);

        JsonNode images = body.path("images");
        assertThat(images).hasSize(6);
        for (int i = 0; i < 6; i++) {
            byte[] png = Base64.getDecoder().decode(images.get(i).asString());
            RgbImage image = PngImages.decode(png);
            assertThat(image.width()).isEqualTo(32);
            assertThat(image.height()).isEqualTo(48);
            String parameterText = PngImages.readParameters(png).orElseThrow();
            assertThat(parameterText)
                    .startsWith("red cat\nNegative prompt: blue dog\n")
                    .contains("Seed: " + (1234 + i))
                    .contains("Sampler: Euler,")
                    .contains("CFG scale: 5.5")
                    .contains("Model: alpha");
            assertThat(info.path("infotexts").get(i).asString()).isEqualTo(parameterText);
        }

        // The fields reached the engine with A1111's meaning: the engine alone makes the same pixels.
        try (DiffusionModel model = DiffusionModel.load(ALPHA, OrtSettings.defaults())) {
            RgbImage alone = new Generator(model)
                    .generate(
                            GenerationRequest.of("red cat", 32, 48)
                                    .withNegativePrompt("blue dog")
                                    .withSteps(3)
                                    .withCfgScale(5.5)
                                    .withSampler(Sampler.EULER)
                                    .withSeed(1238),
                            ProgressListener.NONE)
                    .get(0)
                    .image();
            byte[] served = Base64.getDecoder().decode(images.get(4).asString());
            assertThat(PngImages.decode(served).rgb()).isEqualTo(alone.rgb());
        }
    }

    @Test
    void omittedFieldsTakeA1111sApiDefaults() {
        JsonNode small =
                ok(anonymous.post("/sdapi/v1/txt2img", "{\"prompt\": \"heart\", \"width\": 32, \"height\": 32}"));
        JsonNode info = ApiClient.JSON.readTree(small.path("info").asString());
        assertThat(info.path("steps").asInt()).isEqualTo(50);
        assertThat(info.path("cfg_scale").asDouble()).isEqualTo(7.0);
        assertThat(info.path("sampler_name").asString()).isEqualTo("Euler");
        assertThat(info.path("batch_size").asInt()).isEqualTo(1);
        assertThat(small.path("parameters").path("seed").asLong()).isEqualTo(-1);
        long drawn = info.path("seed").asLong();
        assertThat(drawn).isNotNegative();
        assertThat(longs(info.path("all_seeds"))).containsExactly(drawn);
        assertThat(small.path("images")).hasSize(1);

        JsonNode large = ok(anonymous.post("/sdapi/v1/txt2img", "{\"prompt\": \"heart\", \"steps\": 1}"));
        RgbImage image = PngImages.decode(
                Base64.getDecoder().decode(large.path("images").get(0).asString()));
        assertThat(image.width()).isEqualTo(512);
        assertThat(image.height()).isEqualTo(512);
    }

    @Test
    void img2imgRepaintsTheInitImage() throws Exception {
        RgbImage init = pattern(32, 32);
        String initBase64 = Base64.getEncoder().encodeToString(PngImages.encode(init, null));
        JsonNode body = ok(anonymous.post("/sdapi/v1/img2img", """
                {"init_images": ["data:image/png;base64,%s"], "prompt": "red cat", "denoising_strength": 0.5,
                 "steps": 4, "seed": 9, "width": 32, "height": 32, "sampler_name": "Euler a", "batch_size": 2}""".formatted(initBase64)));
        assertThat(body.path("images")).hasSize(2);
        assertThat(body.path("parameters").path("denoising_strength").asDouble())
                .isEqualTo(0.5);
        // A1111 leaves the init images out of the echo unless include_init_images is set.
        assertThat(body.path("parameters").path("init_images").isNull()).isTrue();
        JsonNode info = ApiClient.JSON.readTree(body.path("info").asString());
        assertThat(info.path("denoising_strength").asDouble()).isEqualTo(0.5);
        assertThat(longs(info.path("all_seeds"))).containsExactly(9L, 10L);
        byte[] first = Base64.getDecoder().decode(body.path("images").get(0).asString());
        assertThat(PngImages.readParameters(first).orElseThrow()).contains("Denoising strength: 0.5");

        try (DiffusionModel model = DiffusionModel.load(ALPHA, OrtSettings.defaults())) {
            RgbImage alone = new Generator(model)
                    .generate(
                            GenerationRequest.of("red cat", 32, 32)
                                    .withSteps(4)
                                    .withSeed(9)
                                    .withSampler(Sampler.EULER_A)
                                    .withInitImage(init, 0.5),
                            ProgressListener.NONE)
                    .get(0)
                    .image();
            assertThat(PngImages.decode(first).rgb()).isEqualTo(alone.rgb());
        }

        // Strength 0 repaints nothing: the init image comes back.
        JsonNode unchanged = ok(anonymous.post("/sdapi/v1/img2img", """
                {"init_images": ["%s"], "prompt": "x", "denoising_strength": 0, "steps": 4, "width": 32,
                 "height": 32, "include_init_images": true}""".formatted(initBase64)));
        assertThat(unchanged.path("parameters").path("init_images").get(0).asString())
                .isEqualTo(initBase64);
        RgbImage back = PngImages.decode(
                Base64.getDecoder().decode(unchanged.path("images").get(0).asString()));
        assertThat(back.rgb()).isEqualTo(init.rgb());
    }

    @Test
    void progressFollowsTheCallersRunningJobAndInterruptEndsIt() throws Exception {
        CompletableFuture<ApiClient.Response> running = CompletableFuture.supplyAsync(() -> anonymous.post(
                "/sdapi/v1/txt2img",
                "{\"prompt\": \"long\", \"width\": 128, \"height\": 128, \"steps\": 150, \"batch_size\": 4}"));
        JsonNode progress = awaitProgress(
                anonymous, p -> p.path("state").path("sampling_step").asInt() > 0);
        assertThat(progress.path("progress").asDouble()).isGreaterThan(0).isLessThan(1);
        assertThat(progress.path("state").path("sampling_steps").asInt()).isEqualTo(150);
        assertThat(progress.path("state").path("job_count").asInt()).isEqualTo(1);
        assertThat(progress.path("textinfo").asString()).startsWith("Step ");
        assertThat(progress.path("eta_relative").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(progress.path("current_task").asString()).isNotBlank();

        // Previews come every step here; the latest one is a decodable PNG.
        JsonNode withImage =
                awaitProgress(anonymous, p -> p.path("current_image").isString());
        byte[] preview =
                Base64.getDecoder().decode(withImage.path("current_image").asString());
        assertThat(PngImages.decode(preview).width()).isPositive();
        JsonNode skipped =
                anonymous.get("/sdapi/v1/progress?skip_current_image=true").json();
        assertThat(skipped.path("current_image").isNull()).isTrue();

        // Another user sees nothing of it.
        JsonNode others = admin.get("/sdapi/v1/progress").json();
        assertThat(others.path("state").path("job_count").asInt()).isZero();
        assertThat(others.path("progress").asDouble()).isZero();
        assertThat(others.path("current_image").isNull()).isTrue();

        ApiClient.Response interrupted = anonymous.post("/sdapi/v1/interrupt", "");
        assertThat(interrupted.status()).isEqualTo(200);
        assertThat(interrupted.json().isObject()).isTrue();
        ApiClient.Response result = running.get();
        // As A1111 does after an interrupt, the call returns what it has: here, no images.
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        assertThat(result.json().path("images")).isEmpty();
        assertThat(anonymous
                        .get("/sdapi/v1/progress")
                        .json()
                        .path("state")
                        .path("job_count")
                        .asInt())
                .isZero();
    }

    @Test
    void interruptCancelsOnlyTheCallersOwnJobs() throws Exception {
        CompletableFuture<ApiClient.Response> adminJob = CompletableFuture.supplyAsync(() -> admin.post(
                "/sdapi/v1/txt2img",
                "{\"prompt\": \"admin\", \"width\": 128, \"height\": 128, \"steps\": 150, \"batch_size\": 2}"));
        CompletableFuture<ApiClient.Response> anonymousJob = CompletableFuture.supplyAsync(() -> anonymous.post(
                "/sdapi/v1/txt2img",
                "{\"prompt\": \"anon\", \"width\": 128, \"height\": 128, \"steps\": 150, \"batch_size\": 2}"));
        awaitProgress(admin, p -> p.path("state").path("sampling_step").asInt() > 0);
        awaitProgress(anonymous, p -> p.path("state").path("sampling_step").asInt() > 0);

        assertThat(admin.get("/sdapi/v1/progress")
                        .json()
                        .path("state")
                        .path("job_count")
                        .asInt())
                .as("the admin's job is still in flight")
                .isEqualTo(1);
        assertThat(anonymous.post("/sdapi/v1/interrupt", "{}").status()).isEqualTo(200);
        assertThat(anonymousJob.get().json().path("images")).isEmpty();
        JsonNode adminResult = adminJob.get().json();
        assertThat(adminResult.path("images"))
                .as("the admin's job ran to its end")
                .hasSize(2);
    }

    @Test
    void sdModelsSamplersAndOptionsDescribeTheServer() {
        JsonNode models = anonymous.get("/sdapi/v1/sd-models").json();
        assertThat(models).hasSize(2);
        String alphaSha = folderSha256(ALPHA);
        JsonNode alpha = models.get(0);
        assertThat(alpha.path("model_name").asString()).isEqualTo("alpha");
        assertThat(alpha.path("sha256").asString()).isEqualTo(alphaSha);
        assertThat(alpha.path("hash").asString()).isEqualTo(alphaSha.substring(0, 10));
        assertThat(alpha.path("title").asString()).isEqualTo("alpha [" + alphaSha.substring(0, 10) + "]");
        assertThat(alpha.path("filename").asString()).isEqualTo("alpha");
        assertThat(alpha.has("config")).isTrue();
        assertThat(models.get(1).path("sha256").asString()).isEqualTo(folderSha256(BETA));

        JsonNode samplers = anonymous.get("/sdapi/v1/samplers").json();
        Set<String> names = new HashSet<>();
        for (JsonNode sampler : samplers) {
            names.add(sampler.path("name").asString());
            assertThat(sampler.path("options").isObject()).isTrue();
            // Every name and alias the list offers is accepted by txt2img and runs that sampler.
            List<String> spellings = new ArrayList<>(strings(sampler.path("aliases")));
            spellings.add(sampler.path("name").asString());
            for (String spelling : spellings) {
                JsonNode result = ok(anonymous.post("/sdapi/v1/txt2img", """
                        {"prompt": "x", "steps": 1, "width": 16, "height": 16, "sampler_name": "%s"}""".formatted(spelling)));
                JsonNode info = ApiClient.JSON.readTree(result.path("info").asString());
                assertThat(info.path("sampler_name").asString())
                        .as(spelling)
                        .isEqualTo(sampler.path("name").asString());
            }
        }
        assertThat(names)
                .isEqualTo(Stream.of(Sampler.values()).map(Sampler::displayName).collect(Collectors.toSet()));

        JsonNode options = anonymous.get("/sdapi/v1/options").json();
        assertThat(options.path("sd_model_checkpoint").asString())
                .isEqualTo(alpha.path("title").asString());
        assertThat(options.path("sd_checkpoint_hash").asString()).isEqualTo(alphaSha);
    }

    @Test
    void anAdminsOptionsSwitchTheDefaultModelAndOverrideSettingsPickOnePerRequest() {
        String betaHash = folderSha256(BETA).substring(0, 10);
        String alphaHash = folderSha256(ALPHA).substring(0, 10);
        String request = "{\"prompt\": \"x\", \"steps\": 1, \"width\": 16, \"height\": 16, \"seed\": 5}";
        try {
            ApiClient.Response set =
                    admin.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"beta [" + betaHash + "]\"}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(set.body()).isEqualTo("null");
            assertThat(anonymous
                            .get("/sdapi/v1/options")
                            .json()
                            .path("sd_model_checkpoint")
                            .asString())
                    .isEqualTo("beta [" + betaHash + "]");
            JsonNode onBeta = info(ok(anonymous.post("/sdapi/v1/txt2img", request)));
            assertThat(onBeta.path("sd_model_name").asString()).isEqualTo("beta");
            assertThat(onBeta.path("sd_model_hash").asString()).isEqualTo(betaHash);

            // A per-request override leaves the default alone.
            JsonNode overridden = info(ok(anonymous.post("/sdapi/v1/txt2img", """
                    {"prompt": "x", "steps": 1, "width": 16, "height": 16,
                     "override_settings": {"sd_model_checkpoint": "alpha"}}""")));
            assertThat(overridden.path("sd_model_name").asString()).isEqualTo("alpha");
            assertThat(anonymous
                            .get("/sdapi/v1/options")
                            .json()
                            .path("sd_model_checkpoint")
                            .asString())
                    .startsWith("beta");

            A1111ErrorsTest.assertA1111Error(
                    anonymous.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"gamma\"}"),
                    404,
                    "sd_model_checkpoint");
            A1111ErrorsTest.assertA1111Error(
                    anonymous.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": 5}"), 422, "sd_model_checkpoint");
            // Options Easel has no use for are ignored, as A1111 ignores unknown ones.
            assertThat(anonymous
                            .post("/sdapi/v1/options", "{\"samples_format\": \"jpg\"}")
                            .status())
                    .isEqualTo(200);
        } finally {
            // The short hash is one of A1111's names for a checkpoint too.
            assertThat(admin.post("/sdapi/v1/options", "{\"sd_model_checkpoint\": \"" + alphaHash + "\"}")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(info(ok(anonymous.post("/sdapi/v1/txt2img", request)))
                        .path("sd_model_name")
                        .asString())
                .isEqualTo("alpha");
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asLong()));
        return values;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
