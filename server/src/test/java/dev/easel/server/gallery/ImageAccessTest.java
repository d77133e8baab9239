package dev.easel.server.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.accounts.Role;
import dev.easel.server.content.ContentDirectories;
import dev.easel.server.content.ContentKind;
import dev.easel.server.testing.ApiClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Image files, by hash ({@code /api/v1/images/{sha256}.png}) and by gallery image id, go only to those who may see one
 * of the image's jobs or posts; public ones may be cached by anyone, the others by nobody.
 */
class ImageAccessTest extends GalleryFixtures {
    private static final AtomicInteger PROMPTS = new AtomicInteger();

    @Autowired
    ContentDirectories directories;

    private record Published(String postId, String hashUrl, String fileUrl) {}

    /** A fresh job image (a prompt of its own, so no other job shares it) published in a post. */
    private Published published(Member owner, String visibility) {
        JsonNode job = finishedJob(owner, "image access " + PROMPTS.incrementAndGet(), 1);
        JsonNode post = owner.api()
                .post("/api/v1/posts", """
                        {"title": "Access", "visibility": "%s", "images": [{"jobId": "%s", "index": 0}]}""".formatted(visibility, job.path("id").asString()))
                .json();
        return new Published(
                post.path("id").asString(),
                job.path("images").path(0).path("url").asString(),
                "/api/v1/images/" + post.path("images").path(0).path("id").asString() + "/file");
    }

    private Member moderator() {
        Member member = member();
        users.setRole(
                users.findByUsername("admin").orElseThrow(), member.account().id(), Role.MODERATOR);
        return member;
    }

    private static void servedPublicly(ApiClient client, String url) {
        HttpResponse<byte[]> response = client.fetch(url);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow())
                .as(url)
                .contains("public")
                .doesNotContain("private", "no-store");
    }

    private static void servedPrivately(ApiClient client, String url) {
        HttpResponse<byte[]> response = client.fetch(url);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow())
                .as(url)
                .contains("private", "no-store")
                .doesNotContain("public");
    }

    private static void refused(ApiClient client, String url) {
        assertThat(client.fetch(url).statusCode()).as(url).isEqualTo(404);
    }

    @Test
    void aJobsImagesAreItsOwnersAndTheStaffsUntilPublished() {
        Member owner = member();
        Member other = member();
        JsonNode job = finishedJob(owner, "image access " + PROMPTS.incrementAndGet(), 1);
        String url = job.path("images").path(0).path("url").asString();

        servedPrivately(owner.api(), url);
        servedPrivately(admin(), url);
        servedPrivately(moderator().api(), url);
        refused(other.api(), url);
        refused(anonymous(), url);
        refused(other.api(), "/api/v1/images/" + "0".repeat(64) + ".png");
        refused(other.api(), "/api/v1/images/not-a-hash.png");
    }

    @Test
    void publicPostsImagesAreEveryonesAndCacheable() {
        Member owner = member();
        Published post = published(owner, "PUBLIC");

        for (ApiClient viewer : List.of(owner.api(), member().api(), anonymous())) {
            servedPublicly(viewer, post.hashUrl());
            servedPublicly(viewer, post.fileUrl());
        }
    }

    @Test
    void imagesOfPostsMadePrivateOrHiddenLaterAreRefusedToOthers() {
        Member owner = member();
        Member other = member();
        Member moderator = moderator();
        Published post = published(owner, "PUBLIC");

        owner.api().patch("/api/v1/posts/" + post.postId(), "{\"visibility\": \"PRIVATE\"}");
        for (String url : List.of(post.hashUrl(), post.fileUrl())) {
            servedPrivately(owner.api(), url);
            refused(other.api(), url);
            refused(anonymous(), url);
        }

        owner.api().patch("/api/v1/posts/" + post.postId(), "{\"visibility\": \"PUBLIC\"}");
        directories.setHidden(ContentKind.POST, post.postId(), true);
        for (String url : List.of(post.hashUrl(), post.fileUrl())) {
            servedPrivately(owner.api(), url);
            servedPrivately(moderator.api(), url);
            refused(other.api(), url);
            refused(anonymous(), url);
        }
    }

    @Test
    void anImageInAnyPostAStrangerMaySeeIsTheirsToo() {
        Member owner = member();
        Published shown = published(owner, "PUBLIC");
        String jobId = owner.api()
                .get("/api/v1/posts/" + shown.postId())
                .json()
                .path("images")
                .path(0)
                .path("jobId")
                .asString();
        ApiClient.Response again = owner.api().post("/api/v1/posts", """
                {"title": "Again", "visibility": "PRIVATE", "images": [{"jobId": "%s", "index": 0}]}""".formatted(jobId));
        assertThat(again.status()).as(again.body()).isEqualTo(201);

        servedPublicly(member().api(), shown.hashUrl());
        // Unlisted posts are seen by whoever has the link.
        servedPublicly(member().api(), published(owner, "UNLISTED").fileUrl());
    }

    @Test
    void openAiLinksServeTheirImageWithoutTheKeyButNoOtherImage() {
        Member owner = member();
        ApiClient.Response made = owner.api().post("/v1/images/generations", """
                {"prompt": "image access %d", "size": "16x16"}""".formatted(PROMPTS.incrementAndGet()));
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        String link = made.json().path("data").path(0).path("url").asString();
        assertThat(link).contains("signature=");

        // Clients hand these links to browsers and downloaders, which have no key.
        servedPrivately(anonymous(), link);
        servedPrivately(member().api(), link);
        String signature = link.substring(link.indexOf("signature=") + "signature=".length());
        String forged = (signature.startsWith("A") ? "B" : "A") + signature.substring(1);
        refused(anonymous(), link.replace("signature=" + signature, "signature=" + forged));
        refused(anonymous(), link.replaceFirst("expires=(\\d+)", "expires=$19"));
        String other = finishedJob(owner, "image access " + PROMPTS.incrementAndGet(), 1)
                .path("images")
                .path(0)
                .path("url")
                .asString();
        refused(anonymous(), other + link.substring(link.indexOf('?')));
    }
}
