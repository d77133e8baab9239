package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.PngImages;
import dev.easel.server.testing.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A published model is selectable for generation; drafts and deleted ones are not. */
class ModelGenerationApiTest extends ModelApiTestBase {

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

        assertThat(ann.http().delete("/api/v1/models/" + id).status()).isEqualTo(204);
        assertThat(generationModels(api)).doesNotContain(name);
        assertThat(api.post("/api/v1/jobs", job(name)).status()).isEqualTo(404);
        assertThat(ROOT.resolve("data/model-folders").resolve(name)).doesNotExist();
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
