package dev.easel.server.social;

import static dev.easel.server.social.SocialApiTest.assertError;
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

/** Threaded comments and notifications over real HTTP. */
class CommentApiTest extends GalleryFixtures {
    @Autowired
    ContentDirectories directories;

    private static String comment(Member member, String postId, String body, String parentId) {
        String json = parentId == null
                ? "{\"body\": \"" + body + "\"}"
                : "{\"body\": \"" + body + "\", \"parentId\": \"" + parentId + "\"}";
        Response response = member.api().post("/api/v1/comments/posts/" + postId, json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    @Test
    void threadsComeOldestFirstWithTheirRepliesNested() {
        Member owner = member();
        Member ann = member();
        Member bob = member();
        String postId = publish(owner, "Discuss", "PUBLIC").path("id").asString();
        String first = comment(ann, postId, "first <script>", null);
        String reply = comment(bob, postId, "reply", first);
        String deeper = comment(ann, postId, "reply to reply", reply);
        String second = comment(bob, postId, "second", null);
        String third = comment(owner, postId, "third", null);

        JsonNode page =
                anonymous().get("/api/v1/comments/posts/" + postId + "?limit=2").json();
        JsonNode threads = page.path("items");
        assertThat(threads).hasSize(2);
        JsonNode top = threads.path(0);
        assertThat(top.path("id").asString()).isEqualTo(first);
        assertThat(top.path("body").asString()).as("stored as given").isEqualTo("first <script>");
        assertThat(top.path("author").path("username").asString()).isEqualTo(ann.username());
        assertThat(top.path("replies").path(0).path("id").asString()).isEqualTo(reply);
        assertThat(top.path("replies")
                        .path(0)
                        .path("replies")
                        .path(0)
                        .path("id")
                        .asString())
                .isEqualTo(deeper);
        assertThat(threads.path(1).path("id").asString()).isEqualTo(second);
        JsonNode next = anonymous()
                .get("/api/v1/comments/posts/" + postId + "?limit=2&cursor="
                        + page.path("nextCursor").asString())
                .json();
        assertThat(next.path("items").path(0).path("id").asString()).isEqualTo(third);
        assertThat(next.path("nextCursor").isNull()).isTrue();

        long small = statements.count(() -> anonymous().get("/api/v1/comments/posts/" + postId + "?limit=1"));
        long large = statements.count(() -> anonymous().get("/api/v1/comments/posts/" + postId + "?limit=50"));
        assertThat(large)
                .as("threads, replies and authors in one statement each")
                .isEqualTo(small);
    }

    @Test
    void onlyAuthorsEditAndDeleteAndDeletionKeepsTheThread() {
        Member owner = member();
        Member ann = member();
        Member bob = member();
        String postId = publish(owner, "Edits", "PUBLIC").path("id").asString();
        String parent = comment(ann, postId, "original", null);
        String child = comment(bob, postId, "answer", parent);

        Response edited = ann.api().patch("/api/v1/comments/" + parent, "{\"body\": \"edited\"}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("body").asString()).isEqualTo("edited");
        assertThat(bob.api()
                        .patch("/api/v1/comments/" + parent, "{\"body\": \"hijacked\"}")
                        .status())
                .isEqualTo(403);
        assertThat(bob.api().delete("/api/v1/comments/" + parent).status()).isEqualTo(403);
        assertThat(owner.api().delete("/api/v1/comments/" + parent).status())
                .as("the post's owner does not own the comment")
                .isEqualTo(403);
        assertThat(anonymous()
                        .patch("/api/v1/comments/" + parent, "{\"body\": \"x\"}")
                        .status())
                .isEqualTo(401);
        assertThat(bob.api()
                        .patch("/api/v1/comments/AAAAAAAAAAAAAAAAAAAAAA", "{\"body\": \"x\"}")
                        .status())
                .isEqualTo(404);

        assertThat(ann.api().delete("/api/v1/comments/" + parent).status()).isEqualTo(204);
        assertThat(ann.api().delete("/api/v1/comments/" + parent).status()).isEqualTo(204);
        JsonNode thread = anonymous()
                .get("/api/v1/comments/posts/" + postId)
                .json()
                .path("items")
                .path(0);
        assertThat(thread.path("id").asString()).isEqualTo(parent);
        assertThat(thread.path("deleted").asBoolean()).isTrue();
        assertThat(thread.path("body").asString()).isEqualTo("[deleted]");
        assertThat(thread.path("author").isNull()).isTrue();
        assertThat(thread.path("replies").path(0).path("id").asString()).isEqualTo(child);
        assertThat(ann.api()
                        .patch("/api/v1/comments/" + parent, "{\"body\": \"back\"}")
                        .status())
                .isEqualTo(404);
        assertError(
                bob.api()
                        .post(
                                "/api/v1/comments/posts/" + postId,
                                "{\"body\": \"x\", \"parentId\": \"" + parent + "\"}"),
                400,
                "parentId");
        assertThat(admin().delete("/api/v1/comments/" + child).status()).isEqualTo(204);
    }

    @Test
    void badCommentsAndInvisibleTargetsAreRefused() {
        Member owner = member();
        Member other = member();
        String postId = publish(owner, "Rules", "PUBLIC").path("id").asString();
        String otherPost = publish(owner, "Elsewhere", "PUBLIC").path("id").asString();
        String elsewhere = comment(owner, otherPost, "over there", null);
        String privateId = publish(owner, "Private", "PRIVATE").path("id").asString();
        String path = "/api/v1/comments/posts/" + postId;

        assertError(other.api().post(path, "{\"body\": \"\"}"), 400, "body");
        assertError(other.api().post(path, "{\"body\": \"   \"}"), 400, "body");
        assertError(other.api().post(path, "{}"), 400, "body");
        assertError(other.api().post(path, "{\"body\": \"" + "b".repeat(5001) + "\"}"), 400, "body");
        assertThat(other.api()
                        .post(path, "{\"body\": \"" + "b".repeat(5000) + "\"}")
                        .status())
                .isEqualTo(201);
        assertError(other.api().post(path, "{\"body\": \"x\", \"parentId\": \"" + elsewhere + "\"}"), 400, "parentId");
        assertError(other.api().post(path, "{\"body\": \"x\", \"parentId\": \"nope\"}"), 400, "parentId");
        assertError(other.api().post("/api/v1/comments/images/" + postId, "{\"body\": \"x\"}"), 400, "kind");
        assertError(other.api().get(path + "?limit=500"), 400, "limit");
        assertThat(other.api()
                        .post("/api/v1/comments/posts/" + privateId, "{\"body\": \"x\"}")
                        .status())
                .isEqualTo(404);
        assertThat(other.api().get("/api/v1/comments/posts/" + privateId).status())
                .isEqualTo(404);
        assertThat(owner.api().get("/api/v1/comments/posts/" + privateId).status())
                .isEqualTo(200);
        Response signedOut = anonymous().post(path, "{\"body\": \"x\"}");
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.json().path("message").asString()).contains("sign in");
    }

    @Test
    void hiddenCommentsAreLeftOutForOthers() {
        Member owner = member();
        Member ann = member();
        String postId = publish(owner, "Moderated", "PUBLIC").path("id").asString();
        String kept = comment(ann, postId, "fine", null);
        String rude = comment(ann, postId, "rude", null);
        assertThat(directories.find(ContentKind.COMMENT, rude, null)).hasValueSatisfying(summary -> {
            assertThat(summary.ownerId()).isEqualTo(ann.account().id());
            assertThat(summary.title()).isEqualTo("rude");
        });
        directories.setHidden(ContentKind.COMMENT, rude, true);

        assertThat(ids(anonymous().get("/api/v1/comments/posts/" + postId).json()))
                .containsExactly(kept);
        assertThat(ids(owner.api().get("/api/v1/comments/posts/" + postId).json()))
                .containsExactly(kept);
        assertThat(ids(ann.api().get("/api/v1/comments/posts/" + postId).json()))
                .as("its author still sees it")
                .containsExactly(kept, rude);
        assertThat(directories.find(ContentKind.COMMENT, rude, owner.account())).isEmpty();
        assertThat(directories.findAny(ContentKind.COMMENT, rude).orElseThrow().hidden())
                .isTrue();
        assertThat(contentEvents.changes(ContentKind.COMMENT, rude)).isEqualTo(2); // created, hidden
    }

    @Test
    void commentsAndRepliesNotifyTheOwnersAndReadStateIsPerUser() {
        Member owner = member();
        Member ann = member();
        Member bob = member();
        String postId = publish(owner, "Notify", "PUBLIC").path("id").asString();
        String annComment = comment(ann, postId, "hello", null);
        comment(bob, postId, "hi ann", annComment);
        comment(owner, postId, "own comment, no notification", null);
        comment(ann, postId, "replying to myself", annComment);

        List<String> ownerSees = types(owner);
        assertThat(ownerSees)
                .containsExactly("COMMENT:" + ann.username(), "COMMENT:" + bob.username(), "COMMENT:" + ann.username());
        assertThat(types(ann)).containsExactly("REPLY:" + bob.username());
        assertThat(owner.api()
                        .get("/api/v1/notifications/unread-count")
                        .json()
                        .path("unread")
                        .asLong())
                .isEqualTo(3);

        JsonNode page = owner.api().get("/api/v1/notifications?limit=2").json();
        assertThat(page.path("items")).hasSize(2);
        JsonNode rest = owner.api()
                .get("/api/v1/notifications?limit=2&cursor="
                        + page.path("nextCursor").asString())
                .json();
        assertThat(rest.path("items")).hasSize(1);
        assertThat(rest.path("items").path(0).path("targetId").asString()).isEqualTo(postId);
        assertThat(rest.path("items").path(0).path("commentId").asString()).isEqualTo(annComment);

        long newest = page.path("items").path(0).path("id").asLong();
        assertThat(ann.api()
                        .post("/api/v1/notifications/" + newest + "/read", "")
                        .status())
                .as("someone else's notification")
                .isEqualTo(404);
        assertThat(owner.api()
                        .post("/api/v1/notifications/" + newest + "/read", "")
                        .status())
                .isEqualTo(204);
        assertThat(owner.api()
                        .get("/api/v1/notifications/unread-count")
                        .json()
                        .path("unread")
                        .asLong())
                .isEqualTo(2);
        assertThat(owner.api()
                        .get("/api/v1/notifications?limit=1")
                        .json()
                        .path("items")
                        .path(0)
                        .path("read")
                        .asBoolean())
                .isTrue();
        assertThat(owner.api().post("/api/v1/notifications/read-all", "").status())
                .isEqualTo(204);
        assertThat(owner.api()
                        .get("/api/v1/notifications/unread-count")
                        .json()
                        .path("unread")
                        .asLong())
                .isZero();
        assertThat(types(ann)).as("marking read is per user").hasSize(1);
        assertThat(ann.api()
                        .get("/api/v1/notifications/unread-count")
                        .json()
                        .path("unread")
                        .asLong())
                .isEqualTo(1);
        assertThat(anonymous().get("/api/v1/notifications").status()).isEqualTo(401);
        assertThat(anonymous().get("/api/v1/notifications/unread-count").status())
                .isEqualTo(401);
    }

    private static List<String> types(Member member) {
        List<String> types = new ArrayList<>();
        member.api()
                .get("/api/v1/notifications")
                .json()
                .path("items")
                .forEach(item -> types.add(item.path("type").asString() + ":"
                        + item.path("actor").path("username").asString()));
        return types;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
