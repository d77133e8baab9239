package dev.easel.server.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.engine.image.PngImages;
import dev.easel.server.accounts.ViewerPreferences;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.generation.BlobStore;
import dev.easel.server.testing.ApiClient.Part;
import dev.easel.server.testing.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Publishing posts over real HTTP: from generation jobs and uploads, limits, bad fields, NSFW handling per viewer. */
class GalleryApiTest extends GalleryFixtures {

    @Test
    void postFromJobImagesCarriesTheirGenerationParameters() {
        Member ann = member();
        JsonNode job = finishedJob(ann, "red lantern", 2);
        Response created = ann.api().post("/api/v1/posts", """
                        {"title": "Lanterns", "caption": "two of them", "visibility": "public",
                         "images": [{"jobId": "%s", "index": 1, "nsfw": "PG13"}, {"jobId": "%s", "index": 0}]}""".formatted(
                        job.path("id").asString(), job.path("id").asString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode post = created.json();
        String id = post.path("id").asString();
        assertThat(id).hasSize(22);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/posts/" + id);
        assertThat(post.path("author").path("username").asString()).isEqualTo(ann.username());
        assertThat(post.path("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(post.path("images")).hasSize(2);

        JsonNode first = post.path("images").path(0);
        JsonNode parameters = first.path("parameters");
        assertThat(parameters.path("prompt").asString()).isEqualTo("red lantern");
        assertThat(parameters.path("negativePrompt").asString()).isEqualTo("blurry");
        assertThat(parameters.path("seed").asLong()).isEqualTo(8); // image 1 of a job seeded 7
        assertThat(parameters.path("steps").asInt()).isEqualTo(2);
        assertThat(parameters.path("cfgScale").asDouble()).isEqualTo(6.5);
        assertThat(parameters.path("sampler").asString()).isEqualTo("Euler a");
        assertThat(parameters.path("model").asString()).isEqualTo("tiny");
        assertThat(parameters.path("infotext").asString()).contains("Seed: 8");
        assertThat(first.path("nsfw").asString()).isEqualTo("PG13");
        assertThat(first.path("width").asInt()).isEqualTo(32);
        assertThat(first.path("jobId").asString()).isEqualTo(job.path("id").asString());

        byte[] served = ann.api().bytes(first.path("url").asString());
        byte[] generated =
                ann.api().bytes(job.path("images").path(1).path("url").asString());
        assertThat(served).isEqualTo(generated);
        assertThat(anonymous().get("/api/v1/posts/" + id).json().path("title").asString())
                .isEqualTo("Lanterns");
    }

    @Test
    void uploadedPngKeepsItsA1111ParametersAndJpegNeedsNone() {
        Member bob = member();
        byte[] png = png(
                16,
                8,
                "a lighthouse at dusk\nNegative prompt: fog\nSteps: 20, Sampler: DPM++ 2M, CFG scale: 7.5, Seed: 42,"
                        + " Size: 16x8, Model: harbour-v2");
        byte[] jpeg = jpeg(12, 10);
        Response created = bob.api()
                .multipart(
                        "/api/v1/posts",
                        List.of(
                                Part.field("post", "{\"title\": \"Uploads\", \"uploads\": [{\"nsfw\": \"PG\"}]}"),
                                Part.file("files", "dusk.png", "image/png", png),
                                Part.file("files", "photo.jpg", "image/jpeg", jpeg)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode images = created.json().path("images");
        JsonNode fromPng = images.path(0).path("parameters");
        assertThat(fromPng.path("prompt").asString()).isEqualTo("a lighthouse at dusk");
        assertThat(fromPng.path("negativePrompt").asString()).isEqualTo("fog");
        assertThat(fromPng.path("seed").asLong()).isEqualTo(42);
        assertThat(fromPng.path("steps").asInt()).isEqualTo(20);
        assertThat(fromPng.path("cfgScale").asDouble()).isEqualTo(7.5);
        assertThat(fromPng.path("sampler").asString()).isEqualTo("DPM++ 2M");
        assertThat(fromPng.path("model").asString()).isEqualTo("harbour-v2");
        assertThat(images.path(0).path("width").asInt()).isEqualTo(16);
        assertThat(images.path(0).path("height").asInt()).isEqualTo(8);

        JsonNode fromJpeg = images.path(1);
        assertThat(fromJpeg.path("mediaType").asString()).isEqualTo("image/jpeg");
        assertThat(fromJpeg.path("parameters").path("prompt").isNull()).isTrue();
        assertThat(fromJpeg.path("width").asInt()).isEqualTo(12);

        var file = bob.api().fetch(images.path(0).path("url").asString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(PngImages.readParameters(file.body()))
                .hasValueSatisfying(text -> assertThat(text).startsWith("a lighthouse at dusk"));
        var jpegFile = bob.api().fetch(fromJpeg.path("url").asString());
        assertThat(jpegFile.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(jpegFile.body()).isEqualTo(jpeg);
    }

    @Test
    void uploadsThatAreNotImagesOrTooLargeAreRefused() {
        Member cat = member();
        String post = "{\"title\": \"Bad\"}";
        Response text = cat.api()
                .multipart(
                        "/api/v1/posts",
                        List.of(Part.field("post", post), Part.file("files", "a.png", "image/png", new byte[] {1, 2})));
        assertError(text, 400, "files[0]");
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, ';'};
        assertError(
                cat.api()
                        .multipart(
                                "/api/v1/posts",
                                List.of(Part.field("post", post), Part.file("files", "a.gif", "image/gif", gif))),
                400,
                "files[0]");
        byte[] truncated = java.util.Arrays.copyOf(png(8, 8, null), 40);
        assertError(
                cat.api()
                        .multipart(
                                "/api/v1/posts",
                                List.of(Part.field("post", post), Part.file("files", "t.png", "image/png", truncated))),
                400,
                "files[0]");
        byte[] large = new byte[MAX_IMAGE_BYTES + 1];
        System.arraycopy(png(8, 8, null), 0, large, 0, 8);
        Response tooLarge = cat.api()
                .multipart(
                        "/api/v1/posts",
                        List.of(Part.field("post", post), Part.file("files", "big.png", "image/png", large)));
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.json().path("message").asString()).contains("limit is " + MAX_IMAGE_BYTES);
        assertError(cat.api().multipart("/api/v1/posts", List.of(Part.field("post", post))), 400, "images");

        byte[] fresh = png(
                9,
                9,
                "only here " + cat.account().id() + "\nSteps: 1, Sampler: Euler, CFG scale: 1, Seed: 1, Size: 9x9");
        Response mixed = cat.api()
                .multipart(
                        "/api/v1/posts",
                        List.of(
                                Part.field("post", post),
                                Part.file("files", "good.png", "image/png", fresh),
                                Part.file("files", "bad.png", "image/png", new byte[] {9})));
        assertError(mixed, 400, "files[1]");
        assertThat(anonymous()
                        .fetch("/api/v1/images/" + BlobStore.sha256(fresh) + ".png")
                        .statusCode())
                .as("nothing stored for a refused post")
                .isEqualTo(404);
        assertError(cat.api().multipart("/api/v1/posts", List.of(Part.field("post", "{not json"))), 400, "post");
    }

    @Test
    void anImageOverThePixelCapIsRefusedFromItsHeader() {
        Member eve = member();
        // 8192x4096 at one bit per pixel: a few KB on the wire, 128 MB once decoded to ARGB.
        byte[] huge = binaryPng(8192, 4096);
        assertThat(huge.length).isLessThan(MAX_IMAGE_BYTES);
        Response refused = eve.api()
                .multipart(
                        "/api/v1/posts",
                        List.of(
                                Part.field("post", "{\"title\": \"Huge\"}"),
                                Part.file("files", "huge.png", "image/png", huge)));
        assertError(refused, 400, "files[0]");
        assertThat(refused.json().path("message").asString()).contains("8192x4096", "16777216 pixels");
        assertThat(anonymous()
                        .fetch("/api/v1/images/" + BlobStore.sha256(huge) + ".png")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void overlongParsedParametersAreDroppedOrCutToTheirColumns() {
        Member fay = member();
        String sampler = "S".repeat(150);
        String model = "m".repeat(250);
        String prompt = "p".repeat(GenerationParameters.MAX_TEXT_CHARS + 10);
        byte[] png = png(
                10,
                10,
                prompt + "\nSteps: 20, Sampler: " + sampler + ", CFG scale: 7, Seed: 1, Size: 10x10, Model: " + model);
        Response created = fay.api()
                .multipart(
                        "/api/v1/posts",
                        List.of(
                                Part.field("post", "{\"title\": \"Long metadata\"}"),
                                Part.file("files", "long.png", "image/png", png)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode parameters = created.json().path("images").path(0).path("parameters");
        assertThat(parameters.path("sampler").isNull())
                .as("a cut name would be a wrong name")
                .isTrue();
        assertThat(parameters.path("model").isNull()).isTrue();
        assertThat(parameters.path("steps").asInt()).isEqualTo(20);
        assertThat(parameters.path("prompt").asString()).hasSize(GenerationParameters.MAX_TEXT_CHARS);
        assertThat(parameters.path("infotext").asString()).hasSize(GenerationParameters.MAX_TEXT_CHARS);
        var file = fay.api()
                .fetch(created.json().path("images").path(0).path("url").asString());
        assertThat(file.body()).as("the file itself is kept as uploaded").isEqualTo(png);
    }

    @Test
    void everyBadFieldIsA400NamingIt() {
        Member dan = member();
        String jobId = finishedJob(dan, "field check", 1).path("id").asString();
        String image = "{\"jobId\": \"" + jobId + "\"}";
        assertError(create(dan, "{\"images\": [" + image + "]}"), 400, "title");
        assertError(create(dan, "{\"title\": \"   \", \"images\": [" + image + "]}"), 400, "title");
        assertError(create(dan, "{\"title\": \"" + "t".repeat(201) + "\", \"images\": [" + image + "]}"), 400, "title");
        assertError(
                create(
                        dan,
                        "{\"title\": \"x\", \"caption\": \"" + "c".repeat(5001) + "\", \"images\": [" + image + "]}"),
                400,
                "caption");
        assertError(
                create(dan, "{\"title\": \"x\", \"visibility\": \"friends\", \"images\": [" + image + "]}"),
                400,
                "visibility");
        assertError(create(dan, "{\"title\": \"x\", \"images\": []}"), 400, "images");
        assertError(create(dan, "{\"title\": \"x\", \"images\": [{\"index\": 0}]}"), 400, "images[0].jobId");
        assertError(
                create(dan, "{\"title\": \"x\", \"images\": [{\"jobId\": \"" + jobId + "\", \"index\": 3}]}"),
                400,
                "images[0].index");
        assertError(
                create(dan, "{\"title\": \"x\", \"images\": [{\"jobId\": \"" + jobId + "\", \"nsfw\": \"XXX\"}]}"),
                400,
                "images[0].nsfw");
        assertError(create(dan, "{\"title\": \"x\", \"images\": \"many\"}"), 400, "images");
        assertThat(create(member(), "{\"title\": \"x\", \"images\": [" + image + "]}")
                        .status())
                .as("someone else's job")
                .isEqualTo(404);

        String postId = create(dan, "{\"title\": \"ok\", \"images\": [" + image + "]}")
                .json()
                .path("id")
                .asString();
        assertError(dan.api().patch("/api/v1/posts/" + postId, "{\"visibility\": \"all\"}"), 400, "visibility");
        assertError(dan.api().patch("/api/v1/posts/" + postId, "{\"title\": \"\"}"), 400, "title");
        assertError(
                dan.api().patch("/api/v1/posts/" + postId, "{\"images\": [{\"id\": \"nope\", \"nsfw\": \"R\"}]}"),
                400,
                "images[0].id");
        assertError(anonymous().get("/api/v1/posts?sort=random"), 400, "sort");
        assertError(anonymous().get("/api/v1/posts?limit=0"), 400, "limit");
        assertError(anonymous().get("/api/v1/posts?limit=101"), 400, "limit");
        assertError(anonymous().get("/api/v1/posts?cursor=%21%21"), 400, "cursor");
        assertError(anonymous().get("/api/v1/posts?cursor=bm90LWEtY3Vyc29y"), 400, "cursor");
        assertError(anonymous().get("/api/v1/posts?sort=liked&user=" + dan.username()), 400, "sort");
        assertError(anonymous().get("/api/v1/posts?model=tiny&user=" + dan.username()), 400, "model");
        assertThat(anonymous().get("/api/v1/posts?user=nobody-here").status()).isEqualTo(404);
    }

    @Test
    void signedOutCallersCannotPublish() {
        Response anonymousPost =
                anonymous().post("/api/v1/posts", "{\"title\": \"x\", \"images\": [{\"jobId\": \"j\"}]}");
        assertThat(anonymousPost.status()).isEqualTo(401);
        assertThat(anonymousPost.json().path("message").asString()).contains("sign in");
        Response anonymousUpload = anonymous()
                .multipart(
                        "/api/v1/posts",
                        List.of(
                                Part.field("post", "{\"title\": \"x\"}"),
                                Part.file("files", "a.png", "image/png", png(8, 8, null))));
        assertThat(anonymousUpload.status()).isEqualTo(401);
    }

    @Test
    void imagesAboveTheViewersLevelAreBlurredOrLeftOut() {
        Member eve = member();
        String model = "nsfw-check-" + eve.account().id();
        JsonNode post = publishUpload(eve, "Edgy", model, "R");
        String id = post.path("id").asString();
        JsonNode ownView = post.path("images").path(0);
        assertThat(ownView.path("blurred").asBoolean())
                .as("owners see their own")
                .isFalse();

        // Defaults: PG13 and blur.
        Member viewer = member();
        JsonNode blurred =
                viewer.api().get("/api/v1/posts/" + id).json().path("images").path(0);
        assertThat(blurred.path("nsfw").asString()).isEqualTo("R");
        assertThat(blurred.path("blurred").asBoolean()).isTrue();
        assertThat(blurred.path("url").isNull()).isTrue();
        assertThat(blurred.path("parameters").isNull()).isTrue();
        JsonNode listed =
                viewer.api().get("/api/v1/posts?model=" + model).json().path("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.path(0).path("images").path(0).path("blurred").asBoolean())
                .isTrue();

        users.updatePreferences(viewer.account(), new ViewerPreferences(NsfwLevel.PG13, false));
        assertThat(viewer.api().get("/api/v1/posts?model=" + model).json().path("items"))
                .as("hidden, not blurred")
                .isEmpty();
        assertThat(viewer.api().get("/api/v1/posts/" + id).json().path("images"))
                .isEmpty();

        users.updatePreferences(viewer.account(), new ViewerPreferences(NsfwLevel.X, true));
        JsonNode shown =
                viewer.api().get("/api/v1/posts/" + id).json().path("images").path(0);
        assertThat(shown.path("blurred").asBoolean()).isFalse();
        assertThat(shown.path("url").asString()).endsWith("/file");
        assertThat(anonymous()
                        .get("/api/v1/posts/" + id)
                        .json()
                        .path("images")
                        .path(0)
                        .path("blurred")
                        .asBoolean())
                .isTrue();
    }

    private static Response create(Member member, String json) {
        return member.api().post("/api/v1/posts", json);
    }

    static void assertError(Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(response.json().path("message").asString()).isNotBlank();
    }
}
