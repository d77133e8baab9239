package dev.easel.server.gallery;

import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.server.testing.ApiClient.Part;
import dev.easel.server.testing.CommunityApp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;

/** Publishing helpers shared by the gallery and social API tests. */
public abstract class GalleryFixtures extends CommunityApp {
    /** Publishes image 0 of a fresh job of {@code member} and returns the post's JSON. */
    protected JsonNode publish(Member member, String title, String visibility) {
        JsonNode job = finishedJob(member, "a quiet harbour", 1);
        var response = member.api().post("/api/v1/posts", """
                        {"title": "%s", "visibility": "%s", "images": [{"jobId": "%s", "index": 0}]}""".formatted(
                        title, visibility, job.path("id").asString()));
        if (response.status() != 201) {
            throw new AssertionError("not published: " + response.body());
        }
        return response.json();
    }

    /** Publishes an uploaded PNG made with {@code model} (per its metadata) at NSFW level {@code nsfw}. */
    protected JsonNode publishUpload(Member member, String title, String model, String nsfw) {
        byte[] png = png(
                8, 8, "a lighthouse\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 8x8, Model: " + model);
        var response = member.api()
                .multipart(
                        "/api/v1/posts",
                        List.of(
                                Part.field("post", """
                                        {"title": "%s", "uploads": [{"nsfw": "%s"}]}""".formatted(title, nsfw)),
                                Part.file("files", "a.png", "image/png", png)));
        if (response.status() != 201) {
            throw new AssertionError("not published: " + response.body());
        }
        return response.json();
    }

    static byte[] png(int width, int height, String parameters) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        return PngImages.encode(new RgbImage(width, height, rgb), parameters);
    }

    /** A black-and-white PNG (one bit per pixel), which compresses to almost nothing however large it is. */
    static byte[] binaryPng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
