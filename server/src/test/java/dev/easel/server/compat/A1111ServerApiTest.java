package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.PngImages;
import dev.easel.server.testing.ApiClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The A1111 calls clients make when they connect, png-info and skip, over real HTTP with tiny models. */
class A1111ServerApiTest extends CompatServerTest {

    @Test
    void schedulersListWhatTheEngineCanDoInA1111sShape() {
        JsonNode schedulers = ok(anonymous.get("/sdapi/v1/schedulers"));
        assertThat(schedulers).hasSize(2);
        JsonNode automatic = schedulers.get(0);
        assertThat(automatic.path("name").asString()).isEqualTo("automatic");
        assertThat(automatic.path("label").asString()).isEqualTo("Automatic");
        assertThat(automatic.get("aliases").isNull()).isTrue();
        assertThat(automatic.path("default_rho").asDouble()).isEqualTo(-1.0);
        assertThat(automatic.path("need_inner_model").isBoolean()).isTrue();
        JsonNode karras = schedulers.get(1);
        assertThat(karras.path("name").asString()).isEqualTo("karras");
        assertThat(karras.path("label").asString()).isEqualTo("Karras");
        assertThat(karras.path("default_rho").asDouble()).isEqualTo(7.0);
    }

    @Test
    void theSchedulerFieldTakesNamesAndLabelsInAnyCaseAndRefusesWhatTheEngineLacks() {
        String request = """
                {"prompt": "x", "steps": 2, "width": 16, "height": 16, "seed": 5, "sampler_name": "%s",
                 "scheduler": "%s"}""";
        JsonNode karrasSampler = ok(anonymous.post("/sdapi/v1/txt2img", request.formatted("DPM++ 2M Karras", "")));
        for (String scheduler : List.of("Karras", "karras", "KARRAS")) {
            JsonNode result = ok(anonymous.post("/sdapi/v1/txt2img", request.formatted("DPM++ 2M", scheduler)));
            assertThat(info(result).path("sampler_name").asString())
                    .as(scheduler)
                    .isEqualTo("DPM++ 2M Karras");
            assertThat(result.path("images")).as(scheduler).isEqualTo(karrasSampler.path("images"));
        }
        for (String scheduler : List.of("automatic", "Automatic")) {
            JsonNode result = ok(anonymous.post("/sdapi/v1/txt2img", request.formatted("Euler a", scheduler)));
            assertThat(info(result).path("sampler_name").asString()).isEqualTo("Euler a");
        }
        for (String scheduler : List.of("kl_optimal", "KL Optimal", "sgm_uniform", "Align Your Steps", "bogus")) {
            ApiClient.Response refused = anonymous.post("/sdapi/v1/txt2img", request.formatted("Euler", scheduler));
            assertA1111Error(refused, 400, "scheduler");
            assertThat(refused.json().path("detail").asString()).contains(scheduler);
        }
        assertA1111Error(anonymous.post("/sdapi/v1/txt2img", request.formatted("Euler", "Karras")), 400, "Karras");
    }

    @Test
    void listsOfWhatEaselHasAreTruthfullyShort() {
        JsonNode upscalers = ok(anonymous.get("/sdapi/v1/upscalers"));
        assertThat(upscalers.findValuesAsString("name")).containsExactly("None", "Lanczos");
        for (JsonNode upscaler : upscalers) {
            assertThat(upscaler.properties().stream().map(e -> e.getKey()))
                    .containsExactly("name", "model_name", "model_path", "model_url", "scale");
        }
        for (String empty : List.of(
                "latent-upscale-modes",
                "sd-vae",
                "prompt-styles",
                "hypernetworks",
                "face-restorers",
                "realesrgan-models",
                "script-info",
                "extensions")) {
            JsonNode list = ok(anonymous.get("/sdapi/v1/" + empty));
            assertThat(list.isArray()).as(empty).isTrue();
            assertThat(list).as(empty).isEmpty();
        }
        JsonNode scripts = ok(anonymous.get("/sdapi/v1/scripts"));
        assertThat(scripts.path("txt2img").isArray()).isTrue();
        assertThat(scripts.path("txt2img")).isEmpty();
        assertThat(scripts.path("img2img")).isEmpty();
        ApiClient.Response refreshVae = anonymous.post("/sdapi/v1/refresh-vae", "");
        assertThat(refreshVae.status()).isEqualTo(200);
        assertThat(refreshVae.body()).isEqualTo("null");
        JsonNode embeddings = ok(anonymous.get("/sdapi/v1/embeddings"));
        assertThat(embeddings.path("loaded").isObject()).isTrue();
        assertThat(embeddings.path("loaded")).isEmpty();
        assertThat(embeddings.path("skipped").isObject()).isTrue();
        assertThat(embeddings.path("skipped")).isEmpty();
    }

    @Test
    void cmdFlagsAndMemoryDescribeThisProcess() {
        JsonNode flags = ok(anonymous.get("/sdapi/v1/cmd-flags"));
        assertThat(flags.path("api").asBoolean()).isTrue();
        assertThat(flags.path("listen").asBoolean()).isTrue();
        assertThat(flags.path("port").asInt()).isEqualTo(port);
        assertThat(flags.has("api_auth")).isTrue();
        assertThat(flags.get("api_auth").isNull()).isTrue();

        JsonNode memory = ok(anonymous.get("/sdapi/v1/memory"));
        JsonNode ram = memory.path("ram");
        long used = ram.path("used").asLong();
        long total = ram.path("total").asLong();
        assertThat(used).as(ram.toString()).isGreaterThan(Runtime.getRuntime().totalMemory() / 2);
        assertThat(total).isGreaterThan(used);
        assertThat(ram.path("free").asLong()).isEqualTo(total - used);
        assertThat(memory.path("cuda").path("error").asString()).isNotBlank();
    }

    @Test
    void refreshCheckpointsAnswersNullAndNewModelFoldersAreListed() throws IOException {
        Path gamma = tinyModel("gamma", 3);
        try {
            ApiClient.Response refreshed = anonymous.post("/sdapi/v1/refresh-checkpoints", "");
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(refreshed.body()).isEqualTo("null");
            assertThat(ok(anonymous.get("/sdapi/v1/sd-models")).findValuesAsString("model_name"))
                    .containsExactly("alpha", "beta", "gamma");
        } finally {
            try (Stream<Path> files = Files.walk(gamma)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        assertThat(ok(anonymous.get("/sdapi/v1/sd-models"))).hasSize(2);
    }

    @Test
    void skipEndsTheCallersRunningJobOnly() throws Exception {
        CompletableFuture<ApiClient.Response> adminJob = CompletableFuture.supplyAsync(() -> admin.post(
                "/sdapi/v1/txt2img", "{\"prompt\": \"admin\", \"width\": 128, \"height\": 128, \"steps\": 150}"));
        CompletableFuture<ApiClient.Response> running = CompletableFuture.supplyAsync(() -> anonymous.post(
                "/sdapi/v1/txt2img", "{\"prompt\": \"skip me\", \"width\": 128, \"height\": 128, \"steps\": 150}"));
        awaitProgress(admin, p -> p.path("state").path("sampling_step").asInt() > 0);
        awaitProgress(anonymous, p -> p.path("state").path("sampling_step").asInt() > 0);

        ApiClient.Response skipped = anonymous.post("/sdapi/v1/skip", "");
        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.body()).isEqualTo("null");
        ApiClient.Response result = running.get();
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        assertThat(result.json().path("images")).isEmpty();
        assertThat(adminJob.get().json().path("images"))
                .as("another caller's job ran on")
                .hasSize(1);
    }

    @Test
    void pngInfoReadsBackTheInfotextOfAnImageEaselMade() {
        JsonNode result = ok(anonymous.post("/sdapi/v1/txt2img", """
                {"prompt": "a red, round apple", "negative_prompt": "pear", "steps": 2, "width": 16, "height": 24,
                 "seed": 77, "cfg_scale": 6.5, "sampler_name": "Euler a"}"""));
        String image = result.path("images").get(0).asString();
        String infotext = info(result).path("infotexts").get(0).asString();

        for (String sent : List.of(image, "data:image/png;base64," + image)) {
            JsonNode pngInfo = ok(anonymous.post("/sdapi/v1/png-info", "{\"image\": \"" + sent + "\"}"));
            assertThat(pngInfo.path("info").asString()).isEqualTo(infotext);
            assertThat(pngInfo.path("items").isObject()).isTrue();
            assertThat(pngInfo.path("items")).isEmpty();
            JsonNode parameters = pngInfo.path("parameters");
            assertThat(parameters.path("Prompt").asString()).isEqualTo("a red, round apple");
            assertThat(parameters.path("Negative prompt").asString()).isEqualTo("pear");
            assertThat(parameters.path("Steps").asString()).isEqualTo("2");
            assertThat(parameters.path("Sampler").asString()).isEqualTo("Euler a");
            assertThat(parameters.path("CFG scale").asString()).isEqualTo("6.5");
            assertThat(parameters.path("Seed").asString()).isEqualTo("77");
            assertThat(parameters.path("Size-1").asString()).isEqualTo("16");
            assertThat(parameters.path("Size-2").asString()).isEqualTo("24");
            assertThat(parameters.path("Model").asString()).isEqualTo("alpha");
        }
    }

    @Test
    void pngInfoListsOtherTextChunksAsItemsAndAnswersEmptyForAPlainPng() {
        byte[] plain = PngImages.encode(pattern(8, 8), null);
        JsonNode empty = ok(anonymous.post("/sdapi/v1/png-info", body(plain)));
        assertThat(empty.path("info").asString()).isEmpty();
        assertThat(empty.path("items")).isEmpty();
        assertThat(empty.path("parameters")).isEmpty();

        byte[] tagged = withTextChunk(PngImages.encode(pattern(8, 8), "just a prompt"), "Software", "Paint");
        JsonNode pngInfo = ok(anonymous.post("/sdapi/v1/png-info", body(tagged)));
        assertThat(pngInfo.path("info").asString()).isEqualTo("just a prompt");
        assertThat(pngInfo.path("items").path("Software").asString()).isEqualTo("Paint");
        assertThat(pngInfo.path("items").has("parameters")).isFalse();
        assertThat(pngInfo.path("parameters").path("Prompt").asString()).isEqualTo("just a prompt");
    }

    @Test
    void pngInfoRefusesWhatIsNotABase64Png() {
        assertA1111Error(anonymous.post("/sdapi/v1/png-info", "{\"image\": \"aGVsbG8=\"}"), 400, "image: not a PNG");
        assertA1111Error(anonymous.post("/sdapi/v1/png-info", "{\"image\": \"\"}"), 400, "image");
        assertA1111Error(anonymous.post("/sdapi/v1/png-info", "{\"image\": \"a\"}"), 400, "image: not valid base64");
        assertA1111Error(anonymous.post("/sdapi/v1/png-info", "{}"), 422, "image");
        assertA1111Error(anonymous.post("/sdapi/v1/png-info", "{\"image\": 5}"), 422, "image");
        assertA1111Error(anonymous.post("/sdapi/v1/png-info", "not json"), 422, "JSON");
    }

    private static String body(byte[] png) {
        return "{\"image\": \"" + Base64.getEncoder().encodeToString(png) + "\"}";
    }

    /** The PNG with a tEXt chunk added right after its header chunk. */
    private static byte[] withTextChunk(byte[] png, String keyword, String text) {
        byte[] data = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length)
                .put("tEXt".getBytes(StandardCharsets.ISO_8859_1))
                .put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        int afterHeader = 8 + 12 + 13;
        ByteBuffer result = ByteBuffer.allocate(png.length + chunk.capacity());
        result.put(png, 0, afterHeader).put(chunk.array()).put(png, afterHeader, png.length - afterHeader);
        return result.array();
    }

    private static void assertA1111Error(ApiClient.Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.path("error").asString()).isNotBlank();
        assertThat(body.path("detail").asString()).contains(detail);
        assertThat(body.has("body")).isTrue();
        assertThat(body.path("errors").asString()).startsWith(status + ": ");
    }
}
