package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.content.ContentKind;
import dev.easel.server.content.LikesChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/** The public model list: sorts, filters, keyset pages, counts, the read cache and a fixed number of statements. */
class ModelListApiTest extends ModelApiTestBase {
    @Autowired
    ApplicationEventPublisher events;

    @Test
    void sortsFiltersAndPagesOverListedModelsOnly() {
        Caller ann = newUser();
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(ModelLifecycleApiTest.modelIdOf(uploadPublished(ann, "Listed " + i, tag)));
        }
        upload(ann, "Draft never listed", tag);
        // Downloads: model 1 by two callers, model 3 by one. Likes from social: model 4 has 7.
        JsonNode one = anonymous.get("/api/v1/models/" + ids.get(1)).json();
        String oneUrl = one.path("versions").path(0).path("downloadUrl").asString();
        anonymous.get(oneUrl);
        ann.http().get(oneUrl);
        anonymous.get(anonymous
                .get("/api/v1/models/" + ids.get(3))
                .json()
                .path("versions")
                .path(0)
                .path("downloadUrl")
                .asString());
        events.publishEvent(new LikesChanged(ContentKind.MODEL, ids.get(4), 7));

        assertThat(listIds("?tag=" + tag)).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(listIds("?tag=" + tag + "&sort=downloads").subList(0, 2)).containsExactly(ids.get(1), ids.get(3));
        assertThat(listIds("?tag=" + tag + "&sort=likes").get(0)).isEqualTo(ids.get(4));
        JsonNode liked =
                anonymous.get("/api/v1/models/browse?sort=likes&tag=" + tag).json();
        assertThat(liked.path("items").path(0).path("likeCount").asLong()).isEqualTo(7);
        assertThat(liked.path("items").path(1).path("downloadCount").asLong()).isIn(0L, 1L, 2L);

        // Keyset pages of two walk the whole list without repeats.
        List<String> walked = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = anonymous
                    .get("/api/v1/models/browse?sort=downloads&limit=2&tag=" + tag + cursor)
                    .json();
            page.path("items").forEach(m -> walked.add(m.path("id").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : "&cursor=" + page.path("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(walked).containsExactlyElementsOf(listIds("?tag=" + tag + "&sort=downloads"));

        assertThat(listIds("?tag=" + tag + "&type=Checkpoint&baseModel=SD%201.5"))
                .hasSize(5);
        assertThat(listIds("?tag=" + tag + "&baseModel=SDXL")).isEmpty();
        assertThat(listIds("?tag=nosuchtag" + tag)).isEmpty();
        // Per owner (a profile's models): only that user's listed ones, whatever case the username is given in.
        Caller bob = newUser();
        String bobs = ModelLifecycleApiTest.modelIdOf(uploadPublished(bob, "Bob's", tag));
        assertThat(listIds("?tag=" + tag + "&owner=" + bob.user().username())).containsExactly(bobs);
        assertThat(listIds("?tag=" + tag + "&owner=" + ann.user().username().toUpperCase(java.util.Locale.ROOT)))
                .containsExactlyElementsOf(ids.reversed());
        assertThat(listIds("?tag=" + tag + "&owner=nobody-at-all")).isEmpty();
    }

    @Test
    void aHighestRatedSortFollowsReviews() {
        Caller ann = newUser();
        Caller bob = newUser();
        String tag = "r" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode low = uploadPublished(ann, "Low rated", tag);
        JsonNode high = uploadPublished(ann, "High rated", tag);
        review(bob, high, 5);
        review(bob, low, 2);
        assertThat(listIds("?sort=rating&tag=" + tag))
                .containsExactly(ModelLifecycleApiTest.modelIdOf(high), ModelLifecycleApiTest.modelIdOf(low));
    }

    @Test
    void aListPageCostsTwoStatementsOnAMissAndNoneOnAHit() {
        Caller ann = newUser();
        String tag = "s" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 6; i++) {
            uploadPublished(ann, "Counted statements " + i, tag);
        }
        // The same request on a warm cache measures everything but the list's own queries (auth and so on).
        String small = "/api/v1/models/browse?limit=1&tag=" + tag;
        String large = "/api/v1/models/browse?limit=6&tag=" + tag;
        anonymous.get("/api/v1/models/browse?limit=1");
        long smallMiss = statements.count(() -> anonymous.get(small));
        long smallHit = statements.count(() -> anonymous.get(small));
        long largeMiss = statements.count(() -> anonymous.get(large));
        long largeHit = statements.count(() -> anonymous.get(large));
        assertThat(anonymous.get(large).json().path("items")).hasSize(6);
        assertThat(smallMiss - smallHit).as("models, then their tags").isEqualTo(2);
        assertThat(largeMiss - largeHit).as("six models cost what one does").isEqualTo(2);

        // A write evicts the cached pages.
        uploadPublished(ann, "One more", tag);
        assertThat(anonymous
                        .get(large)
                        .json()
                        .path("items")
                        .path(0)
                        .path("name")
                        .asString())
                .isEqualTo("One more");
    }

    @Test
    void badListParametersAreNamed() {
        for (String[] bad : List.of(
                new String[] {"sort=loudest", "sort"},
                new String[] {"type=Wildcard", "type"},
                new String[] {"baseModel=SD4", "baseModel"},
                new String[] {"limit=0", "limit"},
                new String[] {"limit=many", "limit"},
                new String[] {"cursor=%25%25", "cursor"})) {
            ModelHttp.Response refused = anonymous.get("/api/v1/models/browse?" + bad[0]);
            assertThat(refused.status()).as(bad[0] + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo(bad[1]);
        }
    }

    private void review(Caller reviewer, JsonNode version, int rating) {
        String path = versionPath(
                ModelLifecycleApiTest.modelIdOf(version), version.path("id").asString());
        assertThat(reviewer.http()
                        .post(path + "/reviews", "{\"rating\": " + rating + "}")
                        .status())
                .isEqualTo(201);
    }

    private List<String> listIds(String query) {
        ModelHttp.Response response = anonymous.get("/api/v1/models/browse" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("items").forEach(m -> ids.add(m.path("id").asString()));
        return ids;
    }
}
