package dev.easel.server.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.content.ContentDirectories;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.LikesChanged;
import dev.easel.server.search.SearchDocument;
import dev.easel.server.search.SearchSource;
import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/** Who sees which posts where, list pages (order, keyset cursors, statement counts, cache), directories and search. */
class GalleryAccessTest extends GalleryFixtures {
    @Autowired
    ContentDirectories directories;

    @Autowired
    List<SearchSource> searchSources;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void privatePostsAreTheOwnersAloneAndUnlistedOnlyByLink() {
        Member owner = member();
        Member other = member();
        String model = "private-check-" + owner.account().id();
        String privateId =
                publishUpload(owner, "Mine only", model, "PG").path("id").asString();
        owner.api().patch("/api/v1/posts/" + privateId, "{\"visibility\": \"PRIVATE\"}");
        String unlistedId = publish(owner, "By link", "UNLISTED").path("id").asString();
        String publicId = publish(owner, "For all", "PUBLIC").path("id").asString();

        assertThat(owner.api().get("/api/v1/posts/" + privateId).status()).isEqualTo(200);
        for (ApiClient stranger : List.of(other.api(), anonymous())) {
            assertThat(stranger.get("/api/v1/posts/" + privateId).status()).isEqualTo(404);
            assertThat(stranger.get("/api/v1/posts/" + unlistedId).status()).isEqualTo(200);
            String image = owner.api()
                    .get("/api/v1/posts/" + privateId)
                    .json()
                    .path("images")
                    .path(0)
                    .path("id")
                    .asString();
            assertThat(stranger.fetch("/api/v1/images/" + image + "/file").statusCode())
                    .isEqualTo(404);
            List<String> everywhere = new ArrayList<>();
            for (String list : List.of(
                    "/api/v1/posts?limit=100",
                    "/api/v1/posts?sort=liked&limit=100",
                    "/api/v1/posts?user=" + owner.username(),
                    "/api/v1/posts?model=" + model,
                    "/api/v1/posts?model=tiny&limit=100")) {
                everywhere.addAll(ids(stranger.get(list)));
            }
            assertThat(everywhere).contains(publicId).doesNotContain(privateId, unlistedId);
        }
        assertThat(ids(owner.api().get("/api/v1/posts?user=" + owner.username())))
                .as("the owner's profile list")
                .containsExactly(publicId, unlistedId, privateId);
        assertThat(ids(owner.api().get("/api/v1/posts?limit=100"))).doesNotContain(privateId, unlistedId);
        assertThat(directories.find(ContentKind.POST, privateId, other.account()))
                .isEmpty();
        assertThat(directories.find(ContentKind.POST, privateId, owner.account()))
                .isPresent();
        assertThat(directories.findAny(ContentKind.POST, privateId)).isPresent();
        assertThat(directories.find(ContentKind.POST, unlistedId, null)).isPresent();
    }

    @Test
    void othersCannotEditOrDeleteAndAdminsMayDelete() {
        Member owner = member();
        Member other = member();
        String publicId = publish(owner, "Keep out", "PUBLIC").path("id").asString();
        String privateId = publish(owner, "Secret", "PRIVATE").path("id").asString();
        assertThat(other.api()
                        .patch("/api/v1/posts/" + publicId, "{\"title\": \"mine now\"}")
                        .status())
                .isEqualTo(403);
        assertThat(other.api().delete("/api/v1/posts/" + publicId).status()).isEqualTo(403);
        assertThat(other.api()
                        .patch("/api/v1/posts/" + privateId, "{\"title\": \"mine now\"}")
                        .status())
                .isEqualTo(404);
        assertThat(other.api().delete("/api/v1/posts/" + privateId).status()).isEqualTo(404);
        assertThat(anonymous().delete("/api/v1/posts/" + publicId).status()).isEqualTo(401);
        assertThat(owner.api()
                        .get("/api/v1/posts/" + publicId)
                        .json()
                        .path("title")
                        .asString())
                .isEqualTo("Keep out");

        assertThat(admin().delete("/api/v1/posts/" + privateId).status()).isEqualTo(204);
        assertThat(owner.api().get("/api/v1/posts/" + privateId).status()).isEqualTo(404);
        assertThat(owner.api().delete("/api/v1/posts/" + publicId).status()).isEqualTo(204);
        assertThat(anonymous().get("/api/v1/posts/" + publicId).status()).isEqualTo(404);
        assertThat(contentEvents.changes(ContentKind.POST, publicId)).isEqualTo(2); // created, deleted
        assertThat(owner.api().get("/api/v1/posts/AAAAAAAAAAAAAAAAAAAAAA").status())
                .isEqualTo(404);
        assertThat(owner.api().get("/api/v1/posts/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void ownerEditsShowAtOnceDespiteTheCache() {
        Member owner = member();
        JsonNode post = publish(owner, "Before", "PUBLIC");
        String id = post.path("id").asString();
        String imageId = post.path("images").path(0).path("id").asString();
        String list = "/api/v1/posts?user=" + owner.username();
        assertThat(anonymous()
                        .get(list)
                        .json()
                        .path("items")
                        .path(0)
                        .path("title")
                        .asString())
                .isEqualTo("Before");
        assertThat(anonymous().get("/api/v1/posts/" + id).json().path("title").asString())
                .isEqualTo("Before");

        Response edited = owner.api()
                .patch(
                        "/api/v1/posts/" + id,
                        "{\"title\": \"After <b>&\", \"caption\": \"new\", \"images\": [{\"id\": \"" + imageId
                                + "\", \"nsfw\": \"X\"}]}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("images").path(0).path("nsfw").asString()).isEqualTo("X");
        JsonNode seen = anonymous().get("/api/v1/posts/" + id).json();
        assertThat(seen.path("title").asString()).as("stored as given").isEqualTo("After <b>&");
        assertThat(seen.path("caption").asString()).isEqualTo("new");
        assertThat(seen.path("images").path(0).path("blurred").asBoolean()).isTrue();
        assertThat(anonymous()
                        .get(list)
                        .json()
                        .path("items")
                        .path(0)
                        .path("title")
                        .asString())
                .isEqualTo("After <b>&");
        assertThat(contentEvents.changes(ContentKind.IMAGE, imageId)).isEqualTo(1);

        owner.api().patch("/api/v1/posts/" + id, "{\"visibility\": \"PRIVATE\"}");
        assertThat(ids(anonymous().get(list))).isEmpty();
        assertThat(anonymous().get("/api/v1/posts/" + id).status()).isEqualTo(404);
    }

    @Test
    void newestPagesWalkEveryPostOnceByKeyset() {
        Member owner = member();
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.addFirst(
                    publishUpload(owner, "Post " + i, "walk", "PG").path("id").asString());
        }
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = anonymous()
                    .get("/api/v1/posts?limit=2&user=" + owner.username() + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.path("items").forEach(item -> walked.add(item.path("id").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(published);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void mostLikedFollowsTheLikeCountsSocialPublishes() {
        Member owner = member();
        String low = publish(owner, "Low", "PUBLIC").path("id").asString();
        String high = publish(owner, "High", "PUBLIC").path("id").asString();
        String middle = publish(owner, "Middle", "PUBLIC").path("id").asString();
        events.publishEvent(new LikesChanged(ContentKind.POST, low, 900_001));
        events.publishEvent(new LikesChanged(ContentKind.POST, high, 900_003));
        events.publishEvent(new LikesChanged(ContentKind.POST, middle, 900_002));

        JsonNode first = anonymous().get("/api/v1/posts?sort=liked&limit=2").json();
        assertThat(ids(first)).containsExactly(high, middle);
        assertThat(first.path("items").path(0).path("likeCount").asLong()).isEqualTo(900_003);
        JsonNode second = anonymous()
                .get("/api/v1/posts?sort=liked&limit=2&cursor="
                        + first.path("nextCursor").asString())
                .json();
        assertThat(ids(second).getFirst()).isEqualTo(low);
        assertThat(anonymous()
                        .get("/api/v1/posts/" + low)
                        .json()
                        .path("likeCount")
                        .asLong())
                .isEqualTo(900_001);
    }

    @Test
    void listPagesRunTheSameStatementsWhateverTheirSize() {
        Member owner = member();
        for (int i = 0; i < 12; i++) {
            publishUpload(owner, "Counted " + i, "counted-" + i % 3, "PG");
        }
        ApiClient visitor = anonymous();
        visitor.get("/api/v1/me"); // the anonymous account is created on first use; keep that out of the counts
        String list = "/api/v1/posts?user=" + owner.username() + "&limit=";
        long small =
                statements.count(() -> assertThat(ids(visitor.get(list + 3))).hasSize(3));
        long large =
                statements.count(() -> assertThat(ids(visitor.get(list + 12))).hasSize(12));
        long cached =
                statements.count(() -> assertThat(ids(visitor.get(list + 12))).hasSize(12));
        assertThat(large)
                .as("no N+1: posts, images and authors in one statement each")
                .isEqualTo(small);
        assertThat(cached).as("a cached page skips the database").isLessThan(large);

        Member signedIn = member();
        signedIn.api().get("/api/v1/me"); // the key's first use is recorded once; keep it out of the counts
        String newest = "/api/v1/posts?limit=";
        long newestSmall = statements.count(() -> signedIn.api().get(newest + 2));
        long newestLarge = statements.count(() -> signedIn.api().get(newest + 40));
        assertThat(newestLarge).isEqualTo(newestSmall);
    }

    @Test
    void hiddenPostsLeaveListsAndSearchButStayWithTheirOwner() {
        Member owner = member();
        String id = publish(owner, "Hide me soon", "PUBLIC").path("id").asString();
        String privateId =
                publish(owner, "Never searched", "PRIVATE").path("id").asString();
        SearchSource posts = searchSources.stream()
                .filter(source -> source.kind() == ContentKind.POST)
                .findFirst()
                .orElseThrow();
        SearchDocument document = posts.document(id).orElseThrow();
        assertThat(document.title()).isEqualTo("Hide me soon");
        assertThat(document.text()).contains("a quiet harbour");
        assertThat(posts.all()).extracting(SearchDocument::id).contains(id).doesNotContain(privateId);
        assertThat(posts.document(privateId)).isEmpty();

        directories.setHidden(ContentKind.POST, id, true);
        assertThat(ids(anonymous().get("/api/v1/posts?limit=100"))).doesNotContain(id);
        assertThat(anonymous().get("/api/v1/posts/" + id).status()).isEqualTo(404);
        JsonNode own = owner.api().get("/api/v1/posts/" + id).json();
        assertThat(own.path("hidden").asBoolean()).isTrue();
        assertThat(posts.document(id)).isEmpty();
        assertThat(directories.findAny(ContentKind.POST, id).orElseThrow().hidden())
                .isTrue();

        String imageId = own.path("images").path(0).path("id").asString();
        directories.setHidden(ContentKind.POST, id, false);
        assertThat(directories.find(ContentKind.IMAGE, imageId, null)).isPresent();
        directories.setHidden(ContentKind.IMAGE, imageId, true);
        assertThat(directories.find(ContentKind.IMAGE, imageId, null)).isEmpty();
        assertThat(directories.find(ContentKind.IMAGE, imageId, owner.account()))
                .isPresent();
        assertThat(anonymous().get("/api/v1/posts/" + id).json().path("images")).isEmpty();
        assertThat(anonymous().fetch("/api/v1/images/" + imageId + "/file").statusCode())
                .isEqualTo(404);
        assertThat(contentEvents.changes(ContentKind.IMAGE, imageId)).isEqualTo(1);
    }

    static List<String> ids(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return ids(response.json());
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
