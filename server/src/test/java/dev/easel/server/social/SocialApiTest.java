package dev.easel.server.social;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.content.ContentDirectories;
import dev.easel.server.content.ContentKind;
import dev.easel.server.gallery.GalleryFixtures;
import dev.easel.server.testing.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Follows, the feed and likes over real HTTP. */
class SocialApiTest extends GalleryFixtures {
    @Autowired
    ContentDirectories directories;

    @Test
    void followingIsIdempotentCountedAndListed() {
        Member star = member();
        List<Member> fans = List.of(member(), member(), member());
        for (Member fan : fans) {
            Response first = fan.api().put("/api/v1/follows/" + star.username());
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.json().path("followedByViewer").asBoolean()).isTrue();
            fan.api().put("/api/v1/follows/" + star.username());
        }
        JsonNode stats = anonymous().get("/api/v1/follows/" + star.username()).json();
        assertThat(stats.path("followers").asLong()).isEqualTo(3);
        assertThat(stats.path("following").asLong()).isZero();
        assertThat(stats.path("followedByViewer").asBoolean()).isFalse();
        assertThat(fans.getFirst()
                        .api()
                        .get("/api/v1/follows/" + fans.getFirst().username())
                        .json()
                        .path("following")
                        .asLong())
                .isEqualTo(1);

        JsonNode page = anonymous()
                .get("/api/v1/follows/" + star.username() + "/followers?limit=2")
                .json();
        List<String> names = usernames(page);
        names.addAll(usernames(anonymous()
                .get("/api/v1/follows/" + star.username() + "/followers?limit=2&cursor="
                        + page.path("nextCursor").asString())
                .json()));
        assertThat(names)
                .containsExactly(
                        fans.get(2).username(),
                        fans.get(1).username(),
                        fans.get(0).username());
        assertThat(usernames(anonymous()
                        .get("/api/v1/follows/" + fans.get(1).username() + "/following")
                        .json()))
                .containsExactly(star.username());

        assertThat(fans.get(1)
                        .api()
                        .delete("/api/v1/follows/" + star.username())
                        .json()
                        .path("followers")
                        .asLong())
                .isEqualTo(2);
        assertThat(fans.get(1)
                        .api()
                        .delete("/api/v1/follows/" + star.username())
                        .status())
                .isEqualTo(200);
        assertThat(star.api().get("/api/v1/notifications").json().path("items"))
                .as("one notification per new follow, not per request")
                .hasSize(3)
                .allSatisfy(item -> assertThat(item.path("type").asString()).isEqualTo("FOLLOW"));

        assertError(star.api().put("/api/v1/follows/" + star.username()), 400, "username");
        assertError(star.api().put("/api/v1/follows/anonymous"), 400, "username");
        assertThat(star.api().put("/api/v1/follows/nobody-at-all").status()).isEqualTo(404);
        Response signedOut = anonymous().put("/api/v1/follows/" + star.username());
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.json().path("message").asString()).contains("sign in");
        assertError(anonymous().get("/api/v1/follows/" + star.username() + "/followers?limit=0"), 400, "limit");
        assertError(anonymous().get("/api/v1/follows/" + star.username() + "/followers?cursor=eHl6"), 400, "cursor");
    }

    @Test
    void feedHoldsPublicPostsOfFollowedUsersNewestFirst() {
        Member reader = member();
        Member b = member();
        Member c = member();
        Member stranger = member();
        reader.api().put("/api/v1/follows/" + b.username());
        reader.api().put("/api/v1/follows/" + c.username());
        String bPublic = publish(b, "B public", "PUBLIC").path("id").asString();
        String bPrivate = publish(b, "B private", "PRIVATE").path("id").asString();
        String bUnlisted = publish(b, "B unlisted", "UNLISTED").path("id").asString();
        String bHidden = publish(b, "B hidden", "PUBLIC").path("id").asString();
        directories.setHidden(ContentKind.POST, bHidden, true);
        String cPublic = publish(c, "C public", "PUBLIC").path("id").asString();
        String strangers =
                publish(stranger, "Not followed", "PUBLIC").path("id").asString();

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = reader.api()
                    .get("/api/v1/feed?limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.path("items").forEach(item -> walked.add(item.path("id").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(walked).containsExactly(cPublic, bPublic).doesNotContain(bPrivate, bUnlisted, bHidden, strangers);

        long one = statements.count(() -> reader.api().get("/api/v1/feed?limit=1"));
        long many = statements.count(() -> reader.api().get("/api/v1/feed?limit=50"));
        assertThat(many).as("no N+1 in the feed").isEqualTo(one);
        assertThat(member().api().get("/api/v1/feed").json().path("items")).isEmpty();
        assertThat(anonymous().get("/api/v1/feed").status()).isEqualTo(401);
    }

    @Test
    void likesAreOnePerUserCountedOnTheTargetAndNotified() {
        Member owner = member();
        Member fan = member();
        Member other = member();
        JsonNode post = publish(owner, "Likeable", "PUBLIC");
        String postId = post.path("id").asString();
        String imageId = post.path("images").path(0).path("id").asString();

        assertThat(owner.api()
                        .put("/api/v1/likes/posts/" + postId)
                        .json()
                        .path("likeCount")
                        .asLong())
                .isEqualTo(1);
        Response liked = fan.api().put("/api/v1/likes/posts/" + postId);
        assertThat(liked.status()).as(liked.body()).isEqualTo(200);
        assertThat(liked.json().path("liked").asBoolean()).isTrue();
        assertThat(fan.api()
                        .put("/api/v1/likes/posts/" + postId)
                        .json()
                        .path("likeCount")
                        .asLong())
                .as("liking twice counts once")
                .isEqualTo(2);
        assertThat(anonymous()
                        .get("/api/v1/posts/" + postId)
                        .json()
                        .path("likeCount")
                        .asLong())
                .isEqualTo(2);
        assertThat(contentEvents.lastLikeCount(ContentKind.POST, postId)).isEqualTo(2);
        assertThat(fan.api()
                        .get("/api/v1/likes/post/" + postId)
                        .json()
                        .path("liked")
                        .asBoolean())
                .isTrue();
        assertThat(other.api()
                        .get("/api/v1/likes/posts/" + postId)
                        .json()
                        .path("liked")
                        .asBoolean())
                .isFalse();

        Response unliked = fan.api().delete("/api/v1/likes/posts/" + postId);
        assertThat(unliked.json().path("likeCount").asLong()).isEqualTo(1);
        assertThat(unliked.json().path("liked").asBoolean()).isFalse();
        assertThat(anonymous()
                        .get("/api/v1/posts/" + postId)
                        .json()
                        .path("likeCount")
                        .asLong())
                .isEqualTo(1);

        assertThat(other.api()
                        .put("/api/v1/likes/images/" + imageId)
                        .json()
                        .path("likeCount")
                        .asLong())
                .isEqualTo(1);
        assertThat(anonymous()
                        .get("/api/v1/posts/" + postId)
                        .json()
                        .path("images")
                        .path(0)
                        .path("likeCount")
                        .asLong())
                .isEqualTo(1);
        assertThat(contentEvents.changes(ContentKind.IMAGE, imageId)).isEqualTo(1);

        List<String> types = new ArrayList<>();
        owner.api().get("/api/v1/notifications").json().path("items").forEach(item -> {
            types.add(item.path("type").asString() + ":"
                    + item.path("actor").path("username").asString() + ":"
                    + item.path("targetKind").asString());
        });
        assertThat(types)
                .as("newest first, none for liking one's own post")
                .containsExactly("LIKE:" + other.username() + ":images", "LIKE:" + fan.username() + ":posts");

        String privateId = publish(owner, "Private", "PRIVATE").path("id").asString();
        assertThat(fan.api().put("/api/v1/likes/posts/" + privateId).status()).isEqualTo(404);
        assertThat(fan.api().put("/api/v1/likes/posts/AAAAAAAAAAAAAAAAAAAAAA").status())
                .isEqualTo(404);
        assertError(fan.api().put("/api/v1/likes/users/" + postId), 400, "kind");
        assertError(fan.api().put("/api/v1/likes/widgets/" + postId), 400, "kind");
        assertThat(anonymous().put("/api/v1/likes/posts/" + postId).status()).isEqualTo(401);
        assertThat(anonymous().delete("/api/v1/likes/posts/" + postId).status()).isEqualTo(401);
    }

    private static List<String> usernames(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items")
                .forEach(item -> names.add(item.path("user").path("username").asString()));
        return names;
    }

    static void assertError(Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("field").asString()).as(response.body()).isEqualTo(field);
    }
}
