package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.content.ContentDirectories;
import dev.easel.server.content.ContentKind;
import dev.easel.server.search.SearchDocument;
import dev.easel.server.search.SearchSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Drafts, publishing, versions, edits, deletes and reviews, and who may do what, over real HTTP. */
class ModelLifecycleApiTest extends ModelApiTestBase {
    @Autowired
    ContentDirectories directories;

    @Autowired
    List<SearchSource> searchSources;

    @Test
    void draftsAreTheOwnersAloneUntilPublished() {
        Caller ann = newUser();
        Caller bob = newUser();
        JsonNode draft = upload(ann, "Secret draft");
        String id = draft.path("model").path("id").asString();
        String version = draft.path("versions").path(0).path("id").asString();
        String path = "/api/v1/models/" + id;

        assertThat(ann.http().get(path).status()).isEqualTo(200);
        for (ModelHttp other : List.of(bob.http(), anonymous)) {
            assertThat(other.get(path).status()).isEqualTo(404);
            assertThat(other.get(versionPath(id, version)).status()).isEqualTo(404);
            assertThat(other.get(versionPath(id, version) + "/download").status())
                    .isEqualTo(404);
        }
        assertThat(bob.http().patch(path, "{\"name\": \"mine now\"}").status()).isEqualTo(404);
        assertThat(bob.http().delete(path).status()).isEqualTo(404);
        assertThat(bob.http().post(versionPath(id, version) + "/publish", "").status())
                .isEqualTo(404);
        assertThat(directories.find(ContentKind.MODEL, id, bob.user())).isEmpty();
        assertThat(directories.find(ContentKind.MODEL, id, ann.user())).isPresent();
        assertThat(modelSearch().document(id)).isEmpty();

        ModelHttp.Response published = ann.http().post(versionPath(id, version) + "/publish", "");
        assertThat(published.json().path("status").asString()).isEqualTo("PUBLISHED");
        JsonNode seen = bob.http().get(path).json();
        assertThat(seen.path("versions")).hasSize(1);
        assertThat(seen.path("model").path("publishedAt").isNull()).isFalse();
        assertThat(directories.find(ContentKind.MODEL, id, null)).isPresent();

        // Seen but not owned: 403 for changes.
        assertThat(bob.http().patch(path, "{\"name\": \"mine now\"}").status()).isEqualTo(403);
        assertThat(bob.http().delete(path).status()).isEqualTo(403);
        assertThat(bob.http().delete(versionPath(id, version)).status()).isEqualTo(403);
        ModelHttp.Form newVersion =
                new ModelHttp.Form().field("versionName", "v2").file("file", "m.zip", "application/zip", tinyZip());
        assertThat(bob.http().post(path + "/versions", newVersion).status()).isEqualTo(403);
        assertThat(anonymous.delete(path).status()).isEqualTo(401);
        assertThat(ann.http().get(path).json().path("model").path("name").asString())
                .isEqualTo("Secret draft");
    }

    @Test
    void aNewVersionIsADraftOthersDoNotSeeBesideThePublishedOne() {
        Caller ann = newUser();
        Caller bob = newUser();
        JsonNode v1 = uploadPublished(ann, "Two versions");
        String id = modelIdOf(v1);
        ModelHttp.Form form = new ModelHttp.Form()
                .field("versionName", "v1")
                .field("trainedWords", "second, words")
                .file("file", "m.zip", "application/zip", tinyZip());
        ModelHttp.Response added = ann.http().post("/api/v1/models/" + id + "/versions", form);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        JsonNode v2 = added.json();
        assertThat(v2.path("status").asString()).isEqualTo("DRAFT");
        assertThat(v2.path("slug").asString()).as("slugs stay unique per model").isEqualTo("v1-2");
        assertThat(v2.path("trainedWords").toString()).isEqualTo("[\"second\",\"words\"]");

        assertThat(ann.http().get("/api/v1/models/" + id).json().path("versions"))
                .hasSize(2);
        JsonNode public_ = bob.http().get("/api/v1/models/" + id).json();
        assertThat(public_.path("versions")).hasSize(1);
        assertThat(public_.path("versions").path(0).path("id").asString())
                .isEqualTo(v1.path("id").asString());
        assertThat(bob.http().get(versionPath(id, v2.path("id").asString())).status())
                .isEqualTo(404);

        ModelHttp.Response edited =
                ann.http().patch(versionPath(id, v2.path("id").asString()), "{\"versionName\": \"Second\"}");
        assertThat(edited.json().path("name").asString()).isEqualTo("Second");
        assertThat(edited.json().path("slug").asString()).isEqualTo("v1-2");
    }

    @Test
    void theOwnerEditsMetadataAndBadFieldsAreNamed() {
        Caller ann = newUser();
        String id = modelIdOf(uploadPublished(ann, "Editable"));
        ModelHttp.Response edited = ann.http()
                .patch(
                        "/api/v1/models/" + id,
                        "{\"name\": \"Edited <i>name</i>\", \"tags\": [\"New\", \"tags\"],"
                                + " \"baseModel\": \"SD-Turbo\", \"allowCommercialUse\": false}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        JsonNode model = edited.json().path("model");
        assertThat(model.path("name").asString()).isEqualTo("Edited <i>name</i>");
        assertThat(model.path("slug").asString()).as("the slug stays").isEqualTo("editable");
        assertThat(model.path("tags").toString()).isEqualTo("[\"new\",\"tags\"]");
        assertThat(model.path("baseModel").asString()).isEqualTo("SD-Turbo");
        assertThat(model.path("allowCommercialUse").asBoolean()).isFalse();
        assertThat(newUser()
                        .http()
                        .get("/api/v1/models/" + id)
                        .json()
                        .path("model")
                        .path("name")
                        .asString())
                .as("the cached public page was evicted")
                .isEqualTo("Edited <i>name</i>");

        for (String[] bad : List.of(
                new String[] {"{\"name\": \"\"}", "name"},
                new String[] {"{\"type\": \"VAE\"}", "type"},
                new String[] {"{\"baseModel\": \"SD 7\"}", "baseModel"},
                new String[] {"{\"allowDerivatives\": \"perhaps\"}", "allowDerivatives"})) {
            ModelHttp.Response refused = ann.http().patch("/api/v1/models/" + id, bad[0]);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo(bad[1]);
        }
        assertThat(ann.http().get("/api/v1/models/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void deletingVersionsAndModelsRemovesFilesNoLongerReferenced() {
        Caller ann = newUser();
        int filesBefore = storedFiles().size();
        long modelsBefore = rows("models");
        byte[] zip = uniqueZip();
        JsonNode v1 = upload(ann, "Doomed", zip);
        String id = v1.path("model").path("id").asString();
        String version = v1.path("versions").path(0).path("id").asString();
        // A second model holding the same files keeps them alive when the first is deleted.
        JsonNode keeper = upload(ann, "Keeper", zip);
        int filesStored = storedFiles().size();
        assertThat(filesStored).isGreaterThan(filesBefore);

        assertThat(ann.http().delete(versionPath(id, version)).status()).isEqualTo(204);
        assertThat(ann.http().get(versionPath(id, version)).status()).isEqualTo(404);
        assertThat(ann.http().delete("/api/v1/models/" + id).status()).isEqualTo(204);
        assertThat(ann.http().get("/api/v1/models/" + id).status()).isEqualTo(404);
        assertThat(storedFiles()).as("the keeper still holds them").hasSize(filesStored);

        assertThat(ann.http()
                        .delete("/api/v1/models/"
                                + keeper.path("model").path("id").asString())
                        .status())
                .isEqualTo(204);
        assertThat(storedFiles()).hasSize(filesBefore);
        assertThat(rows("models")).isEqualTo(modelsBefore);
    }

    @Test
    void anAdminMayDeleteSomeoneElsesModel() {
        Caller ann = newUser();
        String id = modelIdOf(uploadPublished(ann, "Admin deletes"));
        assertThat(admin().http().delete("/api/v1/models/" + id).status()).isEqualTo(204);
        assertThat(ann.http().get("/api/v1/models/" + id).status()).isEqualTo(404);
    }

    @Test
    void reviewsAreOnePerUserAndVersionAndFeedTheModelsRating() {
        Caller ann = newUser();
        Caller bob = newUser();
        Caller cid = newUser();
        JsonNode version = uploadPublished(ann, "Reviewed");
        String id = modelIdOf(version);
        String reviews = versionPath(id, version.path("id").asString()) + "/reviews";

        ModelHttp.Response first = bob.http().post(reviews, "{\"rating\": 2, \"text\": \"<script>meh</script>\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        ModelHttp.Response again = bob.http().post(reviews, "{\"rating\": 4, \"text\": \"better now\"}");
        assertThat(again.status()).as("a second review replaces the first").isEqualTo(200);
        assertThat(again.json().path("id").asLong())
                .isEqualTo(first.json().path("id").asLong());
        assertThat(cid.http().post(reviews, "{\"rating\": 5}").status()).isEqualTo(201);

        JsonNode model = anonymous.get("/api/v1/models/" + id).json().path("model");
        assertThat(model.path("reviewCount").asLong()).isEqualTo(2);
        assertThat(model.path("rating").asDouble()).isEqualTo(4.5);
        JsonNode page = anonymous.get(reviews + "?limit=1").json();
        assertThat(page.path("items").path(0).path("rating").asInt()).isEqualTo(5);
        JsonNode next = anonymous
                .get(reviews + "?limit=1&cursor=" + page.path("nextCursor").asString())
                .json();
        assertThat(next.path("items").path(0).path("text").asString()).isEqualTo("better now");
        assertThat(next.path("nextCursor").isNull()).as(next.toString()).isTrue();

        assertThat(ann.http().post(reviews, "{\"rating\": 5}").status())
                .as("not one's own")
                .isEqualTo(403);
        assertThat(anonymous.post(reviews, "{\"rating\": 5}").status()).isEqualTo(401);
        for (String[] bad : List.of(
                new String[] {"{\"rating\": 6}", "rating"},
                new String[] {"{\"rating\": 0}", "rating"},
                new String[] {"{}", "rating"},
                new String[] {"{\"rating\": 3, \"text\": \"" + "x".repeat(5001) + "\"}", "text"})) {
            ModelHttp.Response refused = cid.http().post(reviews, bad[0]);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo(bad[1]);
        }
        assertThat(anonymous.get(reviews + "?cursor=zz").json().path("field").asString())
                .isEqualTo("cursor");
    }

    @Test
    void searchSeesListedModelsWithTheirTrainedWordsAndHidingRemovesThem() {
        Caller ann = newUser();
        Caller bob = newUser();
        JsonNode version = uploadPublished(ann, "Searchable", "findme");
        String id = modelIdOf(version);
        SearchDocument document = modelSearch().document(id).orElseThrow();
        assertThat(document.title()).isEqualTo("Searchable");
        assertThat(document.tags()).containsExactly("findme");
        assertThat(document.text()).contains("tiny style");
        assertThat(document.modelType()).isEqualTo("Checkpoint");
        assertThat(document.baseModel()).isEqualTo("SD 1.5");
        assertThat(modelSearch().all()).extracting(SearchDocument::id).contains(id);

        directories.setHidden(ContentKind.MODEL, id, true);
        assertThat(modelSearch().document(id)).isEmpty();
        assertThat(modelSearch().all()).extracting(SearchDocument::id).doesNotContain(id);
        assertThat(bob.http().get("/api/v1/models/" + id).status()).isEqualTo(404);
        assertThat(ann.http().get("/api/v1/models/" + id).json().path("hidden").asBoolean())
                .isTrue();
        assertThat(directories.findAny(ContentKind.MODEL, id).orElseThrow().hidden())
                .isTrue();

        directories.setHidden(ContentKind.MODEL, id, false);
        assertThat(bob.http().get("/api/v1/models/" + id).status()).isEqualTo(200);
    }

    static String modelIdOf(JsonNode version) {
        String url = version.path("downloadUrl").asString();
        return url.split("/", -1)[4];
    }

    private SearchSource modelSearch() {
        return searchSources.stream()
                .filter(s -> s.kind() == ContentKind.MODEL)
                .findFirst()
                .orElseThrow();
    }
}
