package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.PngImages;
import dev.easel.server.generation.ModelCatalog;
import dev.easel.server.generation.ModelPool;
import dev.easel.server.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A published model is selectable for generation; drafts and deleted ones are not. */
class ModelGenerationApiTest extends ModelApiTestBase {
    @Autowired
    ModelPool pool;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    ModelPublication publication;

    @Test
    void anUploadedAndPublishedModelGeneratesImages() {
        Caller ann = newUser();
        JsonNode draft = upload(ann, "Generator");
        String id = draft.path("model").path("id").asString();
        String versionId = draft.path("versions").path(0).path("id").asString();
        String name = draft.path("versions").path(0).path("generationName").asString();
        assertThat(name).isEqualTo("generator@v1");
        ApiClient api = new ApiClient(port, null);
        assertThat(generationModels(api)).doesNotContain(name);
        assertThat(api.post("/api/v1/jobs", job(name)).status())
                .as("a draft is not selectable")
                .isEqualTo(404);

        ann.http().post(versionPath(id, versionId) + "/publish", "");
        assertThat(generationModels(api)).contains(name);
        ApiClient.Response submitted = api.post("/api/v1/jobs", job(name));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode done = api.awaitJob(submitted.json().path("id").asString(), Duration.ofSeconds(60));
        assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("DONE");
        byte[] png = api.bytes(done.path("images").path(0).path("url").asString());
        assertThat(PngImages.readParameters(png).orElseThrow()).contains("Model: " + name);

        assertThat(pool.residentModels()).contains(name);

        assertThat(ann.http().delete("/api/v1/models/" + id).status()).isEqualTo(204);
        assertThat(generationModels(api)).doesNotContain(name);
        assertThat(pool.residentModels()).as("the pool let go of it").doesNotContain(name);
        assertThat(api.post("/api/v1/jobs", job(name)).status()).isEqualTo(404);
        assertThat(ROOT.resolve("data/model-folders").resolve(name)).doesNotExist();
    }

    @Test
    void atStartupPublishedVersionsAreRegisteredAgainFromHardLinksToTheStore() throws Exception {
        Caller ann = newUser();
        JsonNode version = uploadPublished(ann, "Restarted", "restart");
        String name = version.path("generationName").asString();
        Path folder = ROOT.resolve("data/model-folders").resolve(name);
        // As after a restart with the generation folders lost: nothing registered, no folder.
        catalog.unregister(name);
        ModelFileStore.deleteTree(folder);
        assertThat(catalog.find(name)).isEmpty();

        publication.afterSingletonsInstantiated();

        assertThat(catalog.find(name)).isPresent();
        String unetSha = ModelUploadApiTest.sha256(Files.readAllBytes(TINY.resolve("unet/model.onnx")));
        Path stored = ROOT.resolve("data/model-files")
                .resolve(unetSha.substring(0, 2))
                .resolve(unetSha);
        assertThat(Files.isSameFile(folder.resolve("unet/model.onnx"), stored))
                .as("a hard link, not a copy")
                .isTrue();
        assertThat(catalog.find(name).orElseThrow().folder().sha256())
                .isEqualTo(version.path("sha256").asString());
    }

    private static String job(String model) {
        return """
                {"prompt": "red cat", "model": "%s", "width": 32, "height": 32, "steps": 3, "seed": 5}""".formatted(model);
    }

    private static List<String> generationModels(ApiClient api) {
        List<String> names = new ArrayList<>();
        api.get("/api/v1/models").json().forEach(m -> names.add(m.path("name").asString()));
        return names;
    }
}
